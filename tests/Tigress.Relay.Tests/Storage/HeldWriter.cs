using Tigress.Relay.Storage.Sqlite;

namespace Tigress.Relay.Tests.Storage;

/// <summary>The SQLite store's single writer, held inside an operation until disposed.</summary>
internal sealed class HeldWriter : IDisposable
{
    private readonly ManualResetEventSlim _release;

    private HeldWriter(Task<bool> busy, ManualResetEventSlim release)
    {
        Busy = busy;
        _release = release;
    }

    /// <summary>The held operation; it completes once released.</summary>
    public Task<bool> Busy { get; }

    /// <summary>Starts an operation that blocks the writer, and returns once the writer runs it.</summary>
    public static async Task<HeldWriter> HoldAsync(SqliteDatabase database)
    {
        var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Queued from another thread: a caller that finds the writer idle runs the operation on its own thread.
        var busy = Task.Run(() => database.RunAsync(_ =>
        {
            holding.SetResult();
            return release.Wait(TimeSpan.FromMinutes(2));
        }, CancellationToken.None));
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new HeldWriter(busy, release);
    }

    public void Dispose()
    {
        _release.Set();
        Busy.Wait(TimeSpan.FromSeconds(30));
        _release.Dispose();
    }
}

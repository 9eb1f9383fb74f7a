using System.Diagnostics;
using System.Text.Json;
using Tigress.Client.Transfers;

namespace Tigress.Cli.State;

/// <summary>
/// One saved share, locked by this process: its state file as read, kept up to date as the share's session goes on
/// (<see cref="SaveAsync"/> for the SDK's state, <see cref="Note"/> for what <c>status</c> shows of its events), and
/// removed once the share has ended. Dispose releases the lock; the file stays.
/// </summary>
internal sealed class SavedShare : IDisposable
{
    // How long status, cancel and share --resume wait for another short-lived command (a status) to let go of a share.
    private static readonly TimeSpan s_lockWait = TimeSpan.FromSeconds(15);

    private readonly ShareStateStore _store;
    private readonly ShareLock _lock;
    private readonly Lock _gate = new();
    private bool _removed;

    private SavedShare(ShareStateStore store, ShareStateFile record, ShareLock shareLock)
    {
        _store = store;
        Record = record;
        _lock = shareLock;
    }

    /// <summary>The state file's content, as last written.</summary>
    public ShareStateFile Record { get; }

    public string Id => Record.Id!;

    /// <summary>The path of the state file.</summary>
    public string FilePath => _store.PathOf(Id);

    /// <summary>The SDK's state, to resume the share from.</summary>
    public TransferState Transfer => TransferState.FromJson(Record.Transfer.GetRawText());

    /// <summary>
    /// Locks and reads share <paramref name="id"/>. When another process holds the lock: a running
    /// <c>tigress share</c> is not waited for (the result names its process and the file as it last wrote it); another
    /// command (a <c>status</c>) is waited for a few seconds.
    /// </summary>
    /// <exception cref="ShareStateException">The share is not saved, or its file cannot be used.</exception>
    public static async Task<Opened> OpenAsync(ShareStateStore store, string id, Action<string> warn, CancellationToken cancellationToken)
    {
        if (!store.Contains(id))
        {
            throw ShareStateException.Unknown($"no share with id {id} is saved in {store.Folder}.");
        }

        var shareLock = await store.TryLockAsync(id, s_lockWait, () => RunningProcess(store, id, warn) is not null, cancellationToken).ConfigureAwait(false);
        if (shareLock is null)
        {
            // Read without the lock: the file is always whole, as last written by the process that runs the share.
            return new Opened(null, store.Read(id, warn), RunningProcess(store, id, warn));
        }

        try
        {
            // Read under the lock: the share may have ended and been removed while this process waited. A process
            // named in it is gone (it would hold the lock).
            var record = store.Read(id, warn);
            record.Process = null;
            return new Opened(new SavedShare(store, record, shareLock), record, null);
        }
        catch
        {
            shareLock.Dispose();
            throw;
        }
    }

    /// <summary>Saves a new share under its id, locked, with this process as the one that runs it.</summary>
    /// <exception cref="ShareStateException">The folder or the file cannot be written, or the id is locked.</exception>
    public static async Task<SavedShare> CreateAsync(ShareStateStore store, ShareStateFile record, CancellationToken cancellationToken)
    {
        var shareLock = await store.TryLockAsync(record.Id!, TimeSpan.Zero, () => true, cancellationToken).ConfigureAwait(false)
            ?? throw ShareStateException.InUse($"another tigress process holds the share {record.Id}.");
        try
        {
            var saved = new SavedShare(store, record, shareLock);
            saved.Save();
            return saved;
        }
        catch
        {
            shareLock.Dispose();
            throw;
        }
    }

    /// <summary>Records the SDK's new state, for <see cref="TransferSessionOptions.StateChanged"/>.</summary>
    public ValueTask SaveAsync(TransferState state, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_removed)
            {
                using var document = JsonDocument.Parse(state.ToJson());
                Record.Transfer = document.RootElement.Clone();
                _store.Write(Record);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Keeps what <c>status</c> shows of an event: the opening, and the guesses a wrong PIN left.</summary>
    public void Note(TransferEvent transferEvent)
    {
        lock (_gate)
        {
            switch (transferEvent.Kind)
            {
                case TransferEventKind.Claimed when Record.OpenedAt is null:
                    Record.OpenedAt = DateTimeOffset.UtcNow;
                    break;
                case TransferEventKind.PinGuessFailed when transferEvent.GuessesLeft is { } left:
                    Record.GuessesLeft = left;
                    break;
                default:
                    return;
            }

            if (!_removed)
            {
                _store.Write(Record);
            }
        }
    }

    /// <summary>Writes the file as it stands.</summary>
    public void Save()
    {
        lock (_gate)
        {
            if (!_removed)
            {
                _store.Write(Record);
            }
        }
    }

    /// <summary>Removes the state file: the share has ended (and that was reported), or it is cancelled.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            _removed = true;
            _store.Delete(Id);
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The process of the <c>tigress share</c> that runs share <paramref name="id"/>, if it still runs.</summary>
    private static int? RunningProcess(ShareStateStore store, string id, Action<string> warn)
    {
        try
        {
            return store.Read(id, warn).Process is { } process && process != Environment.ProcessId && IsRunning(process) ? process : null;
        }
        catch (ShareStateException)
        {
            return null;
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What <see cref="OpenAsync"/> found: the share locked by this process, or (when another holds it) the
    /// file as last written and the <c>tigress share</c> process that runs it, if that is who holds it.</summary>
    internal sealed record Opened(SavedShare? Share, ShareStateFile Record, int? RunningProcess);
}

using Tigress.Relay.Storage.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>How an operation reaches the single SQLite writer (on the caller's thread when idle, batched when not), and how the wipe's checkpoints run around it.</summary>
public sealed class SqliteDatabaseWriterTests : IDisposable
{
    private readonly string _folder = TemporaryFolder.Create("sqlite-writer");
    private readonly SqliteDatabase _database;

    public SqliteDatabaseWriterTests()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "relay.db"));
        _database.RunAsync(transaction => Execute(transaction, "CREATE TABLE IF NOT EXISTS probe_log (n INTEGER NOT NULL);"), default).Wait(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _database.Dispose();
        TemporaryFolder.Delete(_folder);
    }

    [Fact]
    public void RunAsync_WriterIdle_CommitsOnTheCallersThreadBeforeReturning()
    {
        var caller = Environment.CurrentManagedThreadId;
        var ranOn = 0;

        var done = _database.RunAsync(transaction =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            return Execute(transaction, "INSERT INTO probe_log (n) VALUES (1);");
        }, default);

        // No hand-off to another thread and back: the answer is ready when the call returns.
        Assert.True(done.IsCompletedSuccessfully);
        Assert.Equal(caller, ranOn);
        Assert.Equal(1L, Count());
    }

    [Fact]
    public async Task RunAsync_WhileTheWriterIsHeld_QueuedOperationsCommitInOrderOnceReleased()
    {
        var writer = await HeldWriter.HoldAsync(_database);
        var queued = Enumerable.Range(1, 5)
            .Select(n => _database.RunAsync(transaction => Execute(transaction, $"INSERT INTO probe_log (n) VALUES ({n});"), default))
            .ToList();
        Assert.DoesNotContain(queued, task => task.IsCompleted);

        writer.Dispose();
        await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1L, 2L, 3L, 4L, 5L], Numbers());
    }

    [Fact]
    public async Task RunAsync_ABatchRunsOutOfRoom_OnlyTheOperationThatNeededRoomFails()
    {
        // A database at its page limit, with a row to delete: deleting needs no new page, a large insert does.
        await _database.RunAsync(transaction => Execute(transaction, "INSERT INTO probe_log (n) VALUES (1);"), default);
        var pages = await _database.RunAsync(transaction => Scalar(transaction, "PRAGMA page_count;"), default);
        await _database.RunAsync(transaction => Scalar(transaction, $"PRAGMA max_page_count = {pages};"), default);

        var writer = await HeldWriter.HoldAsync(_database);
        var insert = _database.RunAsync(transaction => Execute(transaction, "WITH RECURSIVE c(x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) INSERT INTO probe_log (n) SELECT x FROM c;"), default);
        var delete = _database.RunAsync(transaction => Execute(transaction, "DELETE FROM probe_log WHERE n = 1;"), default);
        writer.Dispose();

        // Both shared one batch; the insert's SQLITE_FULL is a StoreFullException (507), and the delete still commits.
        await Assert.ThrowsAsync<Tigress.Relay.Storage.StoreFullException>(() => insert.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await delete.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0L, Count());
    }

    [Fact]
    public async Task Read_WriterIdle_ReadsOnTheWritersConnection_AWriteMeanwhileWaitsForIt()
    {
        Task<int>? write = null;

        var writtenDuringRead = _database.Read(_ =>
        {
            write = _database.RunAsync(transaction => Execute(transaction, "INSERT INTO probe_log (n) VALUES (3);"), default);
            return write.IsCompleted;
        });

        // The read held the writer (its connection's page cache is current), so the write queued behind it.
        Assert.False(writtenDuringRead);
        Assert.Equal(1, await write!.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([3L], Numbers());
    }

    [Fact]
    public async Task Dispose_WithOperationsQueued_CommitsThemBeforeClosing()
    {
        var writer = await HeldWriter.HoldAsync(_database);
        var queued = _database.RunAsync(transaction => Execute(transaction, "INSERT INTO probe_log (n) VALUES (7);"), default);
        var closing = Task.Run(_database.Dispose);
        writer.Dispose();
        await closing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await queued.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Throws<ObjectDisposedException>(() => { _ = _database.RunAsync(transaction => 0, default); });
        using var reopened = new SqliteDatabase(Path.Combine(_folder, "relay.db"));
        Assert.Equal(7L, await reopened.RunAsync(transaction => Scalar(transaction, "SELECT n FROM probe_log;"), default));
    }

    [Fact]
    public async Task ContentRemoved_BeforeTheWipe_APassiveCheckpointCopiesTheWalIntoTheDatabaseFile()
    {
        var marker = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var path = Path.Combine(_folder, "relay.db");
        await _database.RunAsync(transaction =>
        {
            _database.ContentRemoved();
            return Execute(transaction, $"CREATE TABLE marked (v TEXT); INSERT INTO marked VALUES ('{marker}');");
        }, default);
        var needle = System.Text.Encoding.ASCII.GetBytes(marker);

        // The wipe (a TRUNCATE checkpoint) copies the WAL and empties it in one step; only a checkpoint beside the writer
        // leaves the database file holding the new pages while the WAL still has its frames.
        await Eventually.TrueAsync(
            () => FileBytes.Contains(path, needle) && new FileInfo(path + "-wal").Length > 0,
            "relay.db holds the new page while the WAL still has its frames",
            TimeSpan.FromSeconds(30));
    }

    private long Count() => _database.RunAsync(transaction => Scalar(transaction, "SELECT count(*) FROM probe_log;"), default).Result;

    private List<long> Numbers() => _database.RunAsync(transaction =>
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT n FROM probe_log ORDER BY rowid;";
        using var reader = command.ExecuteReader();
        var numbers = new List<long>();
        while (reader.Read())
        {
            numbers.Add(reader.GetInt64(0));
        }

        return numbers;
    }, default).Result;

    private static int Execute(Microsoft.Data.Sqlite.SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static long Scalar(Microsoft.Data.Sqlite.SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}

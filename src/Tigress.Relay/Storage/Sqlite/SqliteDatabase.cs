using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>
/// The relay's one SQLite database in WAL mode, opened once, migrated at start, shared by the mailbox and dropbox
/// stores. Statements that write are prepared once and run on a single connection, one batch at a time: SQLite admits
/// one writer anyway. Reads that change nothing run on the caller's thread (<see cref="Read{T}"/>): on the writer's
/// connection when it is idle, else on a small pool of read-only connections, since WAL lets readers work beside the
/// writer.
/// </summary>
/// <remarks>
/// Who writes: a caller that finds the writer idle runs the queue, its own operation first, on its own thread and
/// commits it, so a lone write crosses no thread. Operations queued meanwhile wait for that commit to finish and
/// share the next one: a background worker takes over the queue until it is empty, so no caller is held up by
/// others' writes for longer than one batch.
/// </remarks>
/// <remarks>
/// Group commit: a batch takes every operation waiting in the queue (up to <see cref="MaxBatch"/>), runs each in its
/// own savepoint (a batch of one needs none) inside one transaction, commits once, and only then completes them all. Under load this spreads
/// the cost of a commit over many requests. No operation is reported done before its commit.
/// </remarks>
/// <remarks>
/// Durability (<see cref="RelayOptions.Durability"/>): by default <c>synchronous=NORMAL</c> in WAL mode. A committed transaction
/// is in the WAL file before the HTTP answer is sent, so it survives the relay process being killed; a power loss or
/// kernel crash may lose the commits since the last checkpoint's sync. With <c>power</c>,
/// <c>synchronous=FULL</c> syncs the WAL at each commit, before any operation of its batch is answered.
/// </remarks>
/// <remarks>
/// Remanence: <c>secure_delete</c> zeroes deleted rows and freed pages, and a transaction that removed content (a
/// deleted, relinquished or expired mailbox, a read dropbox message) is followed within <see cref="WipeDelay"/> by a
/// <c>wal_checkpoint(TRUNCATE)</c>, which folds the zeroed pages into the database file and empties the WAL. The
/// folder is kept <c>0700</c> and the files <c>0600</c>. A read holds its snapshot for a few point lookups only,
/// so the checkpoint, which waits for readers still in the WAL, waits microseconds. The checkpoint runs on the
/// background worker, never on a caller's thread.
/// </remarks>
/// <remarks>
/// The wipe's head start: the <c>TRUNCATE</c> checkpoint holds the writer while it copies the WAL's pages into the
/// database file and syncs it, and a sync's time grows with the pages it writes. So while content waits to be wiped,
/// a <c>PASSIVE</c> checkpoint runs every <see cref="PassiveInterval"/> on a connection of its own, beside the writer
/// (it takes no lock a write needs), and the wipe is left only the pages of the last interval.
/// </remarks>
internal sealed class SqliteDatabase : IDisposable
{
    /// <summary>At most how long removed content stays in the WAL after its transaction committed, on a running relay.</summary>
    public static readonly TimeSpan WipeDelay = TimeSpan.FromSeconds(1);

    /// <summary>How often a passive checkpoint runs while removed content waits for the wipe.</summary>
    private static readonly TimeSpan PassiveInterval = TimeSpan.FromMilliseconds(200);

    private const int MaxBatch = 256;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private static readonly int MaxIdleReaders = Math.Max(4, Environment.ProcessorCount * 2);
    private const int AutoCheckpointPages = 8192;
    private const int WriterCacheKiB = 32 * 1024;
    private const UnixFileMode PrivateFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] s_fileSuffixes = ["", "-wal", "-shm", "-journal"];

    private readonly SqliteConnection _connection;
    private readonly ReadConnection _writerReads;
    private readonly string _sideConnectionString; // the read connections' and the passive checkpoint's
    private int _readStatementCount;
    private readonly ConcurrentBag<ReadConnection> _readers = [];
    private int _idleReaders;
    private readonly List<SqliteCommand> _prepared = [];
    private readonly ConcurrentQueue<Operation> _queue = new();
    private readonly List<Operation> _batch = new(MaxBatch);
    private readonly SqliteCommand _probe;
    private readonly ReadStatement _usedBytes;
    private int _disposed;

    // Idle, Writing (one thread owns the connection and the queue) or Closed (disposed: queued operations fail).
    private int _writer;
    private const int Idle = 0;
    private const int Writing = 1;
    private const int Closed = 2;

    // Writer state, written only by the thread that owns the writer (others may read it to decide whether to wake
    // it): whether content was removed since the last checkpoint, and when that checkpoint ran.
    private bool _wipePending;
    private long _lastWipe;
    private int _wakeScheduled;
    private long _lastPassive;

    // The passive checkpoint's connection, used only by the one passive checkpoint that may run at a time.
    private SqliteConnection? _checkpointer;
    private int _passiveRunning;

    static SqliteDatabase()
    {
        // SQLite's memory statistics take one process-wide mutex on every allocation and free: with the writer and the
        // readers on different threads it was the relay's most contended lock (futex waits and wake-ups). The relay
        // reads no statistic. The call must precede SQLite's initialization; if something in the process opened a
        // database first it is refused, and the statistics stay on.
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public SqliteDatabase(string path, RelayDurability durability = RelayDurability.Process)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ProtectFiles(path, beforeOpen: true);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        _connection = new SqliteConnection(builder.ToString());
        builder.Mode = SqliteOpenMode.ReadWrite;
        _sideConnectionString = builder.ToString();
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL;");
        // NORMAL: a commit is in the WAL file (the OS's cache) when acknowledged, so it survives the process; FULL
        // also syncs the WAL to the disk at each commit (one fsync per group commit), so it survives a power loss.
        Execute(durability == RelayDurability.Power ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        Execute("PRAGMA busy_timeout = 5000;");
        Execute("PRAGMA temp_store = MEMORY;");

        // The writer touches random leaves of every tree; at SQLite's default cache (2 MiB) a store of a million
        // mailboxes no longer holds even the trees' inner pages, and each lookup reads them again from the OS.
        Execute($"PRAGMA cache_size = -{WriterCacheKiB};");

        // Deleted content is overwritten, not just unlinked; a WAL reset after a checkpoint shrinks back to 4 MiB.
        Execute("PRAGMA secure_delete = ON;");
        Execute("PRAGMA journal_size_limit = 4194304;");

        // WipeIfDue checkpoints at least once a second while content is removed. At SQLite's default (a
        // checkpoint every 1,000 WAL pages) a busy relay also checkpointed dozens of times a second, each copying
        // the same hot pages into the database file again and syncing it; now the WAL may hold 32 MiB instead.
        Execute($"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};");
        SqliteSchema.Migrate(_connection);

        // A relay killed before its last wipe left removed content in the WAL: fold it back before serving.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        ProtectFiles(path, beforeOpen: false);
        _writerReads = new ReadConnection(_connection);
        _usedBytes = PrepareRead("SELECT ((SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())) * (SELECT page_size FROM pragma_page_size());");
        _probe = Prepare("INSERT INTO health (id, probed_at) VALUES (1, $at) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at;", "$at");
        _lastWipe = Stopwatch.GetTimestamp();
    }

    /// <summary>Where the database file is.</summary>
    public string Path => _connection.DataSource;

    /// <summary>A statement prepared on the shared connection, disposed with the database.</summary>
    public SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _prepared.Add(command);
        return command;
    }

    /// <summary>
    /// A statement for <see cref="Read{T}"/>, prepared on each read connection when it first runs there.
    /// </summary>
    public ReadStatement PrepareRead(string sql, params string[] parameters) =>
        new(Interlocked.Increment(ref _readStatementCount) - 1, sql, parameters);

    /// <summary>
    /// Runs <paramref name="work"/> on the caller's thread in a read transaction, on the writer's connection if the
    /// writer is idle, else on a read-only connection: it sees every transaction committed before the call, and no
    /// later one. Keep it to a few lookups, since the wipe's checkpoint and (on the writer's connection) writes wait for it.
    /// </summary>
    public T Read<T>(Func<ReadScope, T> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        // An idle writer's connection reads cheapest: its page cache is current, where a read-only connection must
        // reload every page changed since its own last read.
        if (Interlocked.CompareExchange(ref _writer, Writing, Idle) == Idle)
        {
            try
            {
                return _writerReads.Run(work);
            }
            finally
            {
                HandOverOrRelease();
            }
        }

        var reader = _readers.TryTake(out var idle) ? idle : null;
        if (reader is not null)
        {
            Interlocked.Decrement(ref _idleReaders);
        }
        else
        {
            reader = new ReadConnection(_sideConnectionString);
        }

        var returned = false;
        try
        {
            var result = reader.Run(work);
            returned = Return(reader);
            return result;
        }
        finally
        {
            if (!returned)
            {
                reader.Dispose();
            }
        }
    }

    private bool Return(ReadConnection reader)
    {
        // Kept up to a few per core; a burst beyond that closes its extra connections.
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.Increment(ref _idleReaders) > MaxIdleReaders)
        {
            Interlocked.Decrement(ref _idleReaders);
            return false;
        }

        _readers.Add(reader);
        return true;
    }

    /// <summary>Whether no thread holds the writer at this moment: a hint for choosing where to read, not a promise.</summary>
    public bool WriterIdle => Volatile.Read(ref _writer) == Idle;

    /// <summary>
    /// Called by a store inside an operation that removed content, so that it leaves the WAL within <see cref="WipeDelay"/>.
    /// </summary>
    public void ContentRemoved() => _wipePending = true;

    /// <summary>
    /// Commits a tiny write, to learn whether the database can still commit one: what a delete, a relinquish or a
    /// claim needs. Whether there is room for new content is <see cref="GrowthRoomBytesAsync"/>'s question.
    /// </summary>
    public async Task<bool> ProbeWriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(transaction =>
            {
                var probe = _probe.Use(transaction);
                probe.Parameters["$at"].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                return probe.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SqliteException or StoreFullException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The bytes the database's pages in use take: its file's size less its free pages, which SQLite reuses (the file
    /// itself never shrinks). A read on the caller's thread, microseconds.
    /// </summary>
    public long UsedBytes() => Read(scope =>
    {
        using var reader = scope.Command(_usedBytes).ExecuteReader();
        reader.Read();
        return reader.GetInt64(0);
    });

    /// <summary>
    /// How many bytes the database may still grow by, as SQLite counts it: its free pages plus the pages it may add
    /// before <c>max_page_count</c>. The disk's own free space is measured apart; this is what makes a write fail with
    /// <c>SQLITE_FULL</c> before the disk does.
    /// </summary>
    public Task<long> GrowthRoomBytesAsync(CancellationToken cancellationToken) =>
        RunAsync(transaction =>
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT (SELECT max_page_count FROM pragma_max_page_count()) - (SELECT page_count FROM pragma_page_count()) + (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size());";
            using var reader = command.ExecuteReader();
            reader.Read();
            return reader.GetInt64(0) * reader.GetInt64(1);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> atomically (in its own savepoint, or its own transaction when alone) on the writer,
    /// after every operation queued before it; the task completes once the transaction holding it has committed.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var operation = new Operation<T>(work);
        _queue.Enqueue(operation);
        if (Interlocked.CompareExchange(ref _writer, Writing, Idle) == Idle)
        {
            // The writer was idle: commit here, with no thread hand-off; anything queued meanwhile goes to the worker.
            WriteBatch();
            HandOverOrRelease();
        }
        else if (Volatile.Read(ref _writer) == Closed)
        {
            FailQueued();
        }

        // A caller that gives up stops waiting; the operation itself may still commit, unacknowledged.
        return cancellationToken.CanBeCanceled ? operation.Task.WaitAsync(cancellationToken) : operation.Task;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for the running batch, then write what was queued before the close and refuse the rest.
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _writer, Writing, Idle) != Idle)
        {
            spin.SpinOnce();
        }

        while (!_queue.IsEmpty)
        {
            WriteBatch();
        }

        Volatile.Write(ref _writer, Closed);
        FailQueued();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        foreach (var command in _prepared)
        {
            command.Dispose();
        }

        _writerReads.Dispose();

        // A passive checkpoint still running would hold the checkpoint lock the last one needs.
        while (Volatile.Read(ref _passiveRunning) != 0)
        {
            spin.SpinOnce();
        }

        _checkpointer?.Dispose();

        // Fold the WAL back into the database file, so a stopped relay leaves one self-contained file.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        _connection.Dispose();
    }

    /// <summary>
    /// Called by the thread that owns the writer after a batch: more work (queued operations, a wipe that is due) goes
    /// to a background worker; otherwise the writer goes idle.
    /// </summary>
    private void HandOverOrRelease()
    {
        if (!HasWork())
        {
            StartPassiveIfDue();
            ScheduleWipe();

            // A full fence: RunAsync enqueues, then tries to take the writer; this releases it, then looks at the queue.
            // Unless each side's store is seen before its own check, an operation could be left waiting.
            Interlocked.Exchange(ref _writer, Idle);

            // An operation queued (or a wipe fallen due) after the check found the writer busy: take it up again.
            if (!HasWork() || Interlocked.CompareExchange(ref _writer, Writing, Idle) != Idle)
            {
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static database => database.WriteUntilIdle(), this, preferLocal: false);
    }

    /// <summary>The background worker: owns the writer until the queue is empty, wiping the WAL when due.</summary>
    private void WriteUntilIdle()
    {
        while (true)
        {
            while (!_queue.IsEmpty)
            {
                WriteBatch();
                WipeIfDue();
            }

            WipeIfDue();
            Interlocked.Exchange(ref _writer, Idle);
            if (!HasWork() || Interlocked.CompareExchange(ref _writer, Writing, Idle) != Idle)
            {
                return;
            }
        }
    }

    /// <summary>Runs up to <see cref="MaxBatch"/> queued operations in one transaction; only the writer's owner calls it.</summary>
    private void WriteBatch()
    {
        var batch = _batch;
        batch.Clear();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            using var transaction = _connection.BeginTransaction();

            // A lone operation needs no savepoint: the transaction is its own, and a failure rolls all of it back.
            var alone = batch.Count == 1;
            var failed = false;
            foreach (var operation in batch)
            {
                if (!alone)
                {
                    transaction.Save("operation");
                }

                try
                {
                    operation.Run(transaction);
                    if (!alone)
                    {
                        transaction.Release("operation");
                    }
                }
                catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SqliteIoError or SqliteFull })
                {
                    // One operation's failure undoes only its own changes; disk I/O and full-disk errors fail the batch.
                    if (alone)
                    {
                        transaction.Rollback();
                        failed = true;
                    }
                    else
                    {
                        transaction.Rollback("operation");
                    }

                    operation.Fail(e);
                }
            }

            if (!failed)
            {
                transaction.Commit();
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteFull && batch.Count > 1)
        {
            // SQLite may have rolled the whole transaction back. The operations that need no room (a delete, a
            // relinquish, a claim) must not fail with the one that did: each runs again in a transaction of its own.
            foreach (var operation in batch)
            {
                WriteAlone(operation);
            }

            batch.Clear();
            return;
        }
        catch (Exception e)
        {
            foreach (var operation in batch)
            {
                operation.Fail(Translate(e));
            }

            batch.Clear();
            return;
        }

        foreach (var operation in batch)
        {
            operation.Complete();
        }

        batch.Clear();
    }

    /// <summary>Runs one operation in a transaction of its own, after its batch ran out of room.</summary>
    private void WriteAlone(Operation operation)
    {
        if (operation.Finished)
        {
            return; // It failed on its own in the batch, and its caller has its answer.
        }

        try
        {
            using var transaction = _connection.BeginTransaction();
            try
            {
                operation.Run(transaction);
            }
            catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SqliteIoError or SqliteFull })
            {
                transaction.Rollback();
                operation.Fail(e);
                return;
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            operation.Fail(Translate(e));
            return;
        }

        operation.Complete();
    }

    /// <summary>A full database or disk becomes <see cref="StoreFullException"/> (507); other failures stay as they are.</summary>
    private static Exception Translate(Exception e) => e is SqliteException { SqliteErrorCode: SqliteFull }
        ? new StoreFullException("The database has no room for this write: the disk is full, or the database may not grow.", e)
        : e;

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var operation))
        {
            operation.Fail(new ObjectDisposedException(nameof(SqliteDatabase)));
        }
    }

    // A wipe that is due waits for a passive checkpoint still running, whose end takes it up (RunPassive).
    private bool HasWork() => !_queue.IsEmpty || (WipeDue() && Volatile.Read(ref _passiveRunning) == 0);

    /// <summary>Whether removed content has waited <see cref="WipeDelay"/> in the WAL.</summary>
    private bool WipeDue() => _wipePending && Stopwatch.GetElapsedTime(_lastWipe) >= WipeDelay;

    /// <summary>
    /// Checkpoints and truncates the WAL once content was removed, at most once per <see cref="WipeDelay"/>; sooner
    /// than that, a timer is set for when it is due. Only the writer's owner calls it.
    /// </summary>
    private void WipeIfDue()
    {
        if (!_wipePending)
        {
            return;
        }

        if (!WipeDue())
        {
            StartPassiveIfDue();
            ScheduleWipe();
            return;
        }

        if (Volatile.Read(ref _passiveRunning) != 0)
        {
            // The two checkpoints would contend for SQLite's checkpoint lock; the passive one's end runs the wipe.
            return;
        }

        try
        {
            // Blocked by a reader past the busy timeout, the WAL is not emptied: the wipe stays pending.
            _wipePending = !Checkpoint(_connection, "TRUNCATE");
        }
        catch (SqliteException)
        {
            // A full disk or I/O error: the next batch tries again.
        }

        _lastWipe = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Starts a passive checkpoint in the background while removed content waits for the wipe, at most one at a time
    /// and one per <see cref="PassiveInterval"/>. Only the writer's owner calls it.
    /// </summary>
    private void StartPassiveIfDue()
    {
        if (!_wipePending || Volatile.Read(ref _passiveRunning) != 0 || Stopwatch.GetElapsedTime(_lastPassive) < PassiveInterval)
        {
            return;
        }

        _lastPassive = Stopwatch.GetTimestamp();
        Volatile.Write(ref _passiveRunning, 1);
        ThreadPool.UnsafeQueueUserWorkItem(static database => database.RunPassive(), this, preferLocal: false);
    }

    /// <summary>The passive checkpoint, on its own connection; a wipe that fell due meanwhile runs after it.</summary>
    private void RunPassive()
    {
        try
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                if (_checkpointer is null)
                {
                    _checkpointer = new SqliteConnection(_sideConnectionString);
                    _checkpointer.Open();
                }

                Checkpoint(_checkpointer, "PASSIVE");
            }
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or ObjectDisposedException)
        {
            // Only a head start: the wipe copies whatever this did not.
        }
        finally
        {
            Interlocked.Exchange(ref _passiveRunning, 0);
            if (WipeDue() && Interlocked.CompareExchange(ref _writer, Writing, Idle) == Idle)
            {
                WriteUntilIdle();
            }
        }
    }

    /// <summary>Runs a checkpoint; whether it completed (SQLite reports a checkpoint blocked by a reader or another checkpoint).</summary>
    private static bool Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var result = command.ExecuteReader();
        return result.Read() && result.GetInt64(0) == 0;
    }

    /// <summary>Sets a timer for the wipe, if content was removed and none is set: an idle relay wipes too.</summary>
    private void ScheduleWipe()
    {
        // A wipe due while a passive checkpoint runs is taken up by that checkpoint's end.
        if (!_wipePending || (WipeDue() && Volatile.Read(ref _passiveRunning) != 0) || Interlocked.Exchange(ref _wakeScheduled, 1) != 0)
        {
            return;
        }

        var wait = WipeDelay - Stopwatch.GetElapsedTime(_lastWipe);
        _ = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero).ContinueWith(
            static (_, state) => ((SqliteDatabase)state!).WakeUp(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// The wipe's timer: runs it now unless the writer is busy, in which case its owner runs it (an owner checks
    /// for a wipe that is due before it goes idle).
    /// </summary>
    private void WakeUp()
    {
        Volatile.Write(ref _wakeScheduled, 0);
        if (!WipeDue())
        {
            // Early, or wiped meanwhile (then nothing is pending and no timer is set).
            ScheduleWipe();
            return;
        }

        if (Interlocked.CompareExchange(ref _writer, Writing, Idle) == Idle)
        {
            WriteUntilIdle();
        }
    }

    /// <summary>
    /// Creates the database file (and its folder) readable by the relay's user only, and narrows existing ones, since
    /// they hold sealed payloads and claim hashes. SQLite gives the WAL and shared-memory files the database's mode.
    /// </summary>
    private static void ProtectFiles(string path, bool beforeOpen)
    {
        if (OperatingSystem.IsWindows() || path == ":memory:")
        {
            return;
        }

        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (beforeOpen)
        {
            Directory.CreateDirectory(folder, PrivateFolderMode);
            File.SetUnixFileMode(folder, PrivateFolderMode);
            if (!File.Exists(full))
            {
                using var created = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode });
            }
        }

        foreach (var suffix in s_fileSuffixes)
        {
            if (File.Exists(full + suffix) && File.GetUnixFileMode(full + suffix) != PrivateFileMode)
            {
                File.SetUnixFileMode(full + suffix, PrivateFileMode);
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A statement for <see cref="Read{T}"/>; see <see cref="PrepareRead"/>.</summary>
    internal sealed class ReadStatement(int index, string sql, string[] parameters)
    {
        public int Index { get; } = index;

        public string Sql { get; } = sql;

        public string[] Parameters { get; } = parameters;
    }

    /// <summary>The read transaction a <see cref="Read{T}"/> runs in.</summary>
    internal readonly struct ReadScope(ReadConnection connection)
    {
        /// <summary>The statement, prepared on this read's connection and bound to its transaction.</summary>
        public SqliteCommand Command(ReadStatement statement) => connection.Command(statement);
    }

    /// <summary>A connection that reads, with its own prepared statements: a read-only one, or the writer's.</summary>
    internal sealed class ReadConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly bool _owned;
        private SqliteCommand?[] _commands = [];
        private SqliteTransaction? _transaction;

        public ReadConnection(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _owned = true;
            _connection.Open();
            using var pragma = _connection.CreateCommand();
            pragma.CommandText = "PRAGMA query_only = ON; PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY;";
            pragma.ExecuteNonQuery();
        }

        /// <summary>Reads on the writer's connection, used only by the thread that holds the writer.</summary>
        public ReadConnection(SqliteConnection writer) => _connection = writer;

        public T Run<T>(Func<ReadScope, T> work)
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            _transaction = transaction;
            try
            {
                return work(new ReadScope(this));
            }
            finally
            {
                _transaction = null;
                transaction.Rollback();
            }
        }

        public SqliteCommand Command(ReadStatement statement)
        {
            if (statement.Index >= _commands.Length)
            {
                // A store constructed after this connection opened prepares its statements here on first use.
                Array.Resize(ref _commands, statement.Index + 1);
            }

            var command = _commands[statement.Index];
            if (command is null)
            {
                command = _connection.CreateCommand();
                command.CommandText = statement.Sql;
                foreach (var name in statement.Parameters)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                _commands[statement.Index] = command;
            }

            command.Transaction = _transaction;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands)
            {
                command?.Dispose();
            }

            if (_owned)
            {
                _connection.Dispose();
            }
        }
    }

    private abstract class Operation
    {
        /// <summary>Whether its caller has been answered (a failure of its own inside a batch).</summary>
        public abstract bool Finished { get; }

        public abstract void Run(SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Operation<T>(Func<SqliteTransaction, T> work) : Operation
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _failed;

        public Task<T> Task => _done.Task;

        public override bool Finished => _done.Task.IsCompleted;

        public override void Run(SqliteTransaction transaction) => _result = work(transaction);

        public override void Complete()
        {
            if (!_failed)
            {
                _done.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception)
        {
            _failed = true;
            _done.TrySetException(exception);
        }
    }
}

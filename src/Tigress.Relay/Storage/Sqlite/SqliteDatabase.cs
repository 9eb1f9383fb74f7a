using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>
/// The relay's one SQLite database in WAL mode, opened once, migrated at start, shared by the mailbox and dropbox
/// stores. Statements are prepared once and run on a single connection by one writer loop: SQLite admits one writer
/// anyway, and almost every relay operation writes (even a read records its answer for idempotent replays).
/// </summary>
/// <remarks>
/// Group commit: the writer takes every operation waiting in its queue, runs each in its own savepoint inside one
/// transaction, commits once, and only then completes them all. Under load this spreads the cost of a commit over
/// many requests; a lone request still commits at once. No operation is reported done before its commit.
/// </remarks>
/// <remarks>
/// Durability: <c>synchronous=NORMAL</c> in WAL mode. A committed transaction is in the WAL file before the HTTP
/// answer is sent, so it survives the relay process being killed; a power loss or kernel crash may lose the last
/// commits that the operating system had not yet written to disk.
/// </remarks>
internal sealed class SqliteDatabase : IDisposable
{
    private const int MaxBatch = 256;

    private readonly SqliteConnection _connection;
    private readonly List<SqliteCommand> _prepared = [];
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private int _disposed;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL;");
        Execute("PRAGMA synchronous = NORMAL;");
        Execute("PRAGMA busy_timeout = 5000;");
        Execute("PRAGMA temp_store = MEMORY;");
        SqliteSchema.Migrate(_connection);
        // An async loop rather than a dedicated thread: an idle writer holds no thread, and waking it costs no spinning.
        _writer = Task.Run(WriteLoopAsync);
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
    /// Runs <paramref name="work"/> atomically (in its own savepoint) on the writer, after every operation queued
    /// before it; the task completes once the transaction holding it has committed.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var operation = new Operation<T>(work);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
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

        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        foreach (var command in _prepared)
        {
            command.Dispose();
        }

        // Fold the WAL back into the database file, so a stopped relay leaves one self-contained file.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        _connection.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Operation>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                using var transaction = _connection.BeginTransaction();
                foreach (var operation in batch)
                {
                    transaction.Save("operation");
                    try
                    {
                        operation.Run(transaction);
                        transaction.Release("operation");
                    }
                    catch (Exception e) when (e is not SqliteException { SqliteErrorCode: 10 or 13 })
                    {
                        // One operation's failure undoes only its own changes; disk I/O and full-disk errors fail the batch.
                        transaction.Rollback("operation");
                        operation.Fail(e);
                    }
                }

                transaction.Commit();
            }
            catch (Exception e)
            {
                foreach (var operation in batch)
                {
                    operation.Fail(e);
                }

                continue;
            }

            foreach (var operation in batch)
            {
                operation.Complete();
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private abstract class Operation
    {
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

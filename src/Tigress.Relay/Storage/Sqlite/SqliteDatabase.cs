using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>
/// The relay's one SQLite database in WAL mode, opened once, migrated at start, shared by the mailbox and dropbox
/// stores. Statements are prepared once and run on a single connection, one transaction at a time: SQLite admits one
/// writer anyway, and almost every relay operation writes (even a read records its answer for idempotent
/// replays), so a single connection avoids lock contention.
/// </summary>
/// <remarks>
/// Durability: <c>synchronous=NORMAL</c> in WAL mode. A committed transaction is in the WAL file before the HTTP
/// answer is sent, so it survives the relay process being killed; a power loss or kernel crash may lose the last
/// commits that the operating system had not yet written to disk.
/// </remarks>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<SqliteCommand> _prepared = [];
    private bool _disposed;

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

    /// <summary>Runs <paramref name="work"/> in its own transaction, after every transaction before it.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var command in _prepared)
            {
                command.Dispose();
            }

            // Fold the WAL back into the database file, so a stopped relay leaves one self-contained file.
            Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

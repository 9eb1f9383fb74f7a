using Microsoft.Data.Sqlite;
using Tigress.Relay.Notifications;
using Tigress.Relay.Storage.Sqlite;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Backup and restore of a relay's SQLite store: one file holding a consistent copy of the database, taken with
/// SQLite's online backup API while the relay runs, and the generated VAPID keys, so browsers' push subscriptions
/// still work after a restore. The Redis store is backed up by Redis itself (RDB snapshots or the AOF).
/// </summary>
/// <remarks>The backup holds what the relay holds (ciphertext, claim hashes, PIN verifiers, the VAPID private key):
/// it is written readable by its owner only, and should be kept as carefully as the data folder.</remarks>
public static class RelayBackup
{
    /// <summary>The database file in the data folder.</summary>
    public const string DatabaseFileName = "relay.db";

    // Files of the data folder carried inside the backup's database, restored beside it; the relay never reads it.
    private const string FilesTable = "tigress_backup_file";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes a consistent copy of the relay database in <paramref name="dataDirectory"/> (and its VAPID key file,
    /// if the relay generated one) to <paramref name="backupFile"/>, replacing it atomically. A running relay keeps
    /// serving: the copy is one snapshot, and writes committed after it began are not in it.
    /// </summary>
    /// <returns>The number of mailboxes in the backup.</returns>
    /// <exception cref="RelayConfigurationException">There is no relay database in <paramref name="dataDirectory"/>.</exception>
    public static long Create(string dataDirectory, string backupFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(backupFile);
        var database = Path.Combine(dataDirectory, DatabaseFileName);
        if (!File.Exists(database))
        {
            throw new RelayConfigurationException($"There is no relay database at '{database}'; name the relay's data folder (Relay:DataDirectory).");
        }

        var full = Path.GetFullPath(backupFile);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        CreatePrivateFile(partial);
        try
        {
            long mailboxes;
            using (var source = Open(database, SqliteOpenMode.ReadOnly))
            using (var copy = Open(partial, SqliteOpenMode.ReadWrite))
            {
                // One backup step over every page, under one read transaction of the source: a consistent snapshot,
                // while the relay's writer goes on appending to the WAL.
                source.BackupDatabase(copy);
                CheckRelayDatabase(copy, database);

                // The copy stays in rollback-journal mode: one self-contained file, whatever the source's WAL held.
                Execute(copy, "PRAGMA journal_mode = DELETE;");
                Execute(copy, $"CREATE TABLE {FilesTable} (name TEXT NOT NULL PRIMARY KEY, content BLOB NOT NULL);");
                var vapid = Path.Combine(dataDirectory, VapidKeys.FileName);
                if (File.Exists(vapid))
                {
                    using var insert = copy.CreateCommand();
                    insert.CommandText = $"INSERT INTO {FilesTable} (name, content) VALUES ($name, $content);";
                    insert.Parameters.AddWithValue("$name", VapidKeys.FileName);
                    insert.Parameters.AddWithValue("$content", File.ReadAllBytes(vapid));
                    insert.ExecuteNonQuery();
                }

                mailboxes = Count(copy);
            }

            File.Move(partial, full, overwrite: true);
            return mailboxes;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the relay database in <paramref name="dataDirectory"/> with the one in <paramref name="backupFile"/>,
    /// and the VAPID key file with the backup's, if it holds one. Stop the relay first: a running relay keeps its
    /// own open database and would go on serving (and writing) it.
    /// </summary>
    /// <returns>The number of mailboxes restored (expired ones included; the relay sweeps them when it starts).</returns>
    /// <exception cref="RelayConfigurationException"><paramref name="backupFile"/> is not a relay backup, or is from a
    /// newer relay.</exception>
    public static long Restore(string backupFile, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupFile);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        if (!File.Exists(backupFile))
        {
            throw new RelayConfigurationException($"There is no backup file '{backupFile}'.");
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
        }
        else
        {
            Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var database = Path.Combine(dataDirectory, DatabaseFileName);
        var partial = Path.Combine(dataDirectory, $".{DatabaseFileName}.{Guid.NewGuid():N}.partial");
        CreatePrivateFile(partial);
        try
        {
            byte[]? vapid = null;
            long mailboxes;
            using (var backup = Open(backupFile, SqliteOpenMode.ReadOnly))
            using (var restored = Open(partial, SqliteOpenMode.ReadWrite))
            {
                if (!HasTable(backup, FilesTable))
                {
                    throw new RelayConfigurationException($"'{backupFile}' is not a relay backup (made by `tigress relay backup`).");
                }

                backup.BackupDatabase(restored);
                CheckRelayDatabase(restored, backupFile);
                using (var read = restored.CreateCommand())
                {
                    read.CommandText = $"SELECT content FROM {FilesTable} WHERE name = $name;";
                    read.Parameters.AddWithValue("$name", VapidKeys.FileName);
                    vapid = read.ExecuteScalar() as byte[];
                }

                Execute(restored, $"DROP TABLE {FilesTable};");
                Execute(restored, "VACUUM;");
                mailboxes = Count(restored);
            }

            // The old database's WAL belongs to the old file: left beside the new one, SQLite would replay it there.
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
            {
                File.Delete(database + suffix);
            }

            File.Move(partial, database, overwrite: true);
            if (vapid is not null)
            {
                var keys = Path.Combine(dataDirectory, VapidKeys.FileName);
                var staged = keys + ".partial";
                File.Delete(staged);
                CreatePrivateFile(staged);
                File.WriteAllBytes(staged, vapid);
                File.Move(staged, keys, overwrite: true);
            }

            return mailboxes;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A relay database this relay can open: a schema version it knows (it migrates older ones at start).</summary>
    private static void CheckRelayDatabase(SqliteConnection connection, string origin)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version < 1 || !HasTable(connection, "mailbox"))
        {
            throw new RelayConfigurationException($"'{origin}' is not a relay database.");
        }

        if (version > SqliteSchema.CurrentVersion)
        {
            throw new RelayConfigurationException(
                $"'{origin}' has schema version {version}, newer than this relay understands ({SqliteSchema.CurrentVersion}); use the relay version that made it, or a newer one.");
        }
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM mailbox;";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Creates an empty file readable by its owner only, before anything secret is written into it.</summary>
    private static void CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var created = new FileStream(path, options);
    }
}

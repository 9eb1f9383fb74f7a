using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Tigress.Relay.Storage.Sqlite;

/// <summary>The embedded dropbox store, on the relay's <see cref="SqliteDatabase"/>.</summary>
internal sealed class SqliteDropboxStore : IDropboxStore
{
    private const int Touched = 0;
    private const int Written = 1;
    private const int Deleted = 2;

    private readonly SqliteDatabase _database;
    private readonly DropboxSignals _signals;
    private readonly SqliteCommand _select;
    private readonly SqliteDatabase.ReadStatement _read;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _write;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _admit;
    private readonly SqliteCommand _sweep;

    public SqliteDropboxStore(SqliteDatabase database, DropboxSignals signals)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _signals = signals;
        _select = database.Prepare("SELECT state, body, expires_at, lock_a, lock_b FROM dropbox WHERE location = $location;", "$location");
        _read = database.PrepareRead(_select.CommandText, "$location");
        _insert = database.Prepare(
            "INSERT OR REPLACE INTO dropbox (location, state, body, expires_at, lock_a) VALUES ($location, $state, $body, $expires, $lock);",
            "$location", "$state", "$body", "$expires", "$lock");
        _write = database.Prepare("UPDATE dropbox SET state = 1, body = $body WHERE location = $location;", "$location", "$body");
        _delete = database.Prepare("UPDATE dropbox SET state = 2, body = NULL WHERE location = $location;", "$location");
        _admit = database.Prepare(
            "UPDATE dropbox SET lock_a = coalesce(lock_a, $lock), lock_b = CASE WHEN lock_a IS NULL THEN lock_b ELSE $lock END WHERE location = $location;",
            "$location", "$lock");
        _sweep = database.Prepare("DELETE FROM dropbox WHERE expires_at <= $now;", "$now");
    }

    public async Task<DropboxResult> PutAsync(DropboxRequest request, byte[] body, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _database.RunAsync(transaction =>
        {
            var row = Load(transaction, request);
            var admission = Admit(transaction, request, row);
            if (admission.Status != DropboxStatus.Ok)
            {
                return admission;
            }

            if (row is { State: Written or Deleted })
            {
                return admission with { Status = DropboxStatus.AlreadyWritten };
            }

            if (row is null)
            {
                Insert(transaction, request, Written, body, expiresAt);
            }
            else
            {
                var write = _write.Use(transaction);
                write.Parameters["$location"].Value = request.Location;
                write.Parameters["$body"].Value = body;
                write.ExecuteNonQuery();
            }

            return admission;
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status == DropboxStatus.Ok)
        {
            _signals.Publish(request.Location);
        }

        return result;
    }

    public Task<DropboxResult> GetAsync(DropboxRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A read that takes no place in the lock changes nothing: it skips the writer.
        if (_database.Read(scope => ReadWithoutWriting(scope, request, _read)) is { } answered)
        {
            return Task.FromResult(answered);
        }

        return _database.RunAsync(transaction =>
        {
            var row = Load(transaction, request);

            // Without the lock a read of an empty location leaves nothing behind; with it, the reader takes a place.
            if (row is null && request.Lock is not null)
            {
                Insert(transaction, request, Touched, null, expiresAt);
                return new DropboxResult(DropboxStatus.NotFound, CookieIssued: true);
            }

            return Answer(Admit(transaction, request, row), row);
        }, cancellationToken);
    }

    /// <summary>The read on a read-only connection, or <see langword="null"/> if the lock would admit the reader.</summary>
    private static DropboxResult? ReadWithoutWriting(SqliteDatabase.ReadScope scope, DropboxRequest request, SqliteDatabase.ReadStatement read)
    {
        var row = Load(scope.Command(read), request);
        var admitted = request.Lock is null
            || (row is not null && request.Lock.Presented is { } presented && (Same(presented, row.LockA) || Same(presented, row.LockB)));
        return admitted ? Answer(new DropboxResult(DropboxStatus.Ok), row) : null;
    }

    private static DropboxResult Answer(DropboxResult admission, Row? row) =>
        admission.Status != DropboxStatus.Ok || row is not { State: Written }
            ? admission with { Status = admission.Status == DropboxStatus.Ok ? DropboxStatus.NotFound : admission.Status }
            : admission with { Body = row.Body };

    public async Task<DropboxResult> DeleteAsync(DropboxRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _database.RunAsync(transaction =>
        {
            var row = Load(transaction, request);

            // Nothing to delete leaves nothing behind: no row is made, so no lock cookie is handed out either.
            if (row is null)
            {
                return new DropboxResult(DropboxStatus.NotFound);
            }

            var admission = Admit(transaction, request, row);
            if (admission.Status != DropboxStatus.Ok)
            {
                return admission;
            }

            if (row is not { State: Written })
            {
                return admission with { Status = DropboxStatus.NotFound };
            }

            var delete = _delete.Use(transaction);
            delete.Parameters["$location"].Value = request.Location;
            delete.ExecuteNonQuery();
            _database.ContentRemoved();
            return admission;
        }, cancellationToken).ConfigureAwait(false);

        if (result.Status == DropboxStatus.Ok)
        {
            _signals.Publish(request.Location);
        }

        return result;
    }

    public MailboxWatch Watch(string location) => _signals.Watch(location);

    public Task<int> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.RunAsync(transaction =>
        {
            var sweep = _sweep.Use(transaction);
            sweep.Parameters["$now"].Value = now.ToUnixTimeMilliseconds();
            var removed = sweep.ExecuteNonQuery();
            if (removed > 0)
            {
                _database.ContentRemoved();
            }

            return removed;
        }, cancellationToken);

    /// <summary>The cookie-lock decision; without the lock every client is admitted.</summary>
    private DropboxResult Admit(SqliteTransaction transaction, DropboxRequest request, Row? row)
    {
        if (request.Lock is not { } key || row is null)
        {
            // A new location admits its first client when the row is created.
            return new DropboxResult(DropboxStatus.Ok, CookieIssued: request.Lock is not null);
        }

        if (key.Presented is { } presented && (Same(presented, row.LockA) || Same(presented, row.LockB)))
        {
            return new DropboxResult(DropboxStatus.Ok);
        }

        if (row.LockB is not null)
        {
            return new DropboxResult(DropboxStatus.Locked);
        }

        var admit = _admit.Use(transaction);
        admit.Parameters["$location"].Value = request.Location;
        admit.Parameters["$lock"].Value = key.Offered;
        admit.ExecuteNonQuery();
        return new DropboxResult(DropboxStatus.Ok, CookieIssued: true);
    }

    private void Insert(SqliteTransaction transaction, DropboxRequest request, int state, byte[]? body, DateTimeOffset expiresAt)
    {
        var insert = _insert.Use(transaction);
        insert.Parameters["$location"].Value = request.Location;
        insert.Parameters["$state"].Value = state;
        insert.Parameters["$body"].Value = (object?)body ?? DBNull.Value;
        insert.Parameters["$expires"].Value = expiresAt.ToUnixTimeMilliseconds();
        insert.Parameters["$lock"].Value = (object?)request.Lock?.Offered ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    private Row? Load(SqliteTransaction transaction, DropboxRequest request) => Load(_select.Use(transaction), request);

    private static Row? Load(SqliteCommand select, DropboxRequest request)
    {
        select.Parameters["$location"].Value = request.Location;
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        // An expired location is treated as never used (exact expiry); the insert replaces the stale row.
        if (DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)) <= request.Now)
        {
            return null;
        }

        return new Row(
            reader.GetInt32(0),
            reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1),
            reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3),
            reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4));
    }

    private static bool Same(byte[] presented, byte[]? stored) =>
        stored is not null && CryptographicOperations.FixedTimeEquals(presented, stored);

    private sealed record Row(int State, byte[]? Body, byte[]? LockA, byte[]? LockB);
}

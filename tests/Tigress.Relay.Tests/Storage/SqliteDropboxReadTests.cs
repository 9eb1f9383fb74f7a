using System.Security.Cryptography;
using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>Dropbox reads on the SQLite store: those that change nothing skip the single writer.</summary>
public sealed class SqliteDropboxReadTests : IDisposable
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly string _folder = TemporaryFolder.Create("sqlite-dropbox");
    private readonly SqliteDatabase _database;
    private readonly SqliteDropboxStore _store;

    public SqliteDropboxReadTests()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "relay.db"));
        _store = new SqliteDropboxStore(_database, new DropboxSignals());
    }

    public void Dispose()
    {
        _database.Dispose();
        TemporaryFolder.Delete(_folder);
    }

    [Fact]
    public async Task Get_WithoutLockOrWithAdmittedCookie_IsAnsweredWhileTheWriterIsBusy()
    {
        var message = RandomNumberGenerator.GetBytes(96);
        var cookie = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(DropboxStatus.Ok, (await _store.PutAsync(Request("a", null), message, s_now.AddHours(1), default)).Status);
        Assert.Equal(DropboxStatus.Ok, (await _store.PutAsync(Request("b", new DropboxLockKey(null, cookie)), message, s_now.AddHours(1), default)).Status);

        using var writer = await HeldWriter.HoldAsync(_database);
        var open = await _store.GetAsync(Request("a", null), s_now.AddHours(1), default).WaitAsync(TimeSpan.FromSeconds(30));
        var locked = await _store.GetAsync(Request("b", new DropboxLockKey(cookie, RandomNumberGenerator.GetBytes(32))), s_now.AddHours(1), default).WaitAsync(TimeSpan.FromSeconds(30));
        var missing = await _store.GetAsync(Request("c", null), s_now.AddHours(1), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(writer.Busy.IsCompleted);
        Assert.Equal(message, open.Body);
        Assert.Equal(message, locked.Body);
        Assert.False(locked.CookieIssued);
        Assert.Equal(DropboxStatus.NotFound, missing.Status);
    }

    [Fact]
    public async Task Get_ByANewClientOfALockedLocation_WaitsForTheWriterAndIsAdmitted()
    {
        var message = RandomNumberGenerator.GetBytes(96);
        Assert.Equal(DropboxStatus.Ok, (await _store.PutAsync(Request("a", new DropboxLockKey(null, RandomNumberGenerator.GetBytes(32))), message, s_now.AddHours(1), default)).Status);

        var writer = await HeldWriter.HoldAsync(_database);
        var get = _store.GetAsync(Request("a", new DropboxLockKey(null, RandomNumberGenerator.GetBytes(32))), s_now.AddHours(1), default);
        Assert.False(get.IsCompleted);
        writer.Dispose();
        var result = await get.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.CookieIssued);
        Assert.Equal(message, result.Body);
    }

    private static DropboxRequest Request(string name, DropboxLockKey? key) =>
        new(Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))).TrimEnd('=').Replace('+', '-').Replace('/', '_'), s_now, key);
}

using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>The dropbox store contract on SQLite.</summary>
public sealed class SqliteDropboxStoreTests : DropboxStoreContractTests
{
    private string? _folder;
    private SqliteDatabase? _database;

    protected override Task<IDropboxStore> CreateStoreAsync()
    {
        _folder = TemporaryFolder.Create("sqlite-dropbox");
        _database = new SqliteDatabase(Path.Combine(_folder, "relay.db"));
        return Task.FromResult<IDropboxStore>(new SqliteDropboxStore(_database, new DropboxSignals()));
    }

    protected override Task DestroyStoreAsync(IDropboxStore store)
    {
        _database!.Dispose();
        TemporaryFolder.Delete(_folder!);
        return Task.CompletedTask;
    }
}

using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>The store contract on the embedded SQLite store.</summary>
public sealed class SqliteMailboxStoreTests : MailboxStoreContractTests
{
    private string? _folder;
    private SqliteDatabase? _database;

    protected override Task<IMailboxStore> CreateStoreAsync()
    {
        _folder = TemporaryFolder.Create("sqlite-store");
        _database = new SqliteDatabase(Path.Combine(_folder, "relay.db"));
        return Task.FromResult<IMailboxStore>(new SqliteMailboxStore(_database, new MailboxSignals()));
    }

    protected override Task DestroyStoreAsync(IMailboxStore store)
    {
        _database!.Dispose();
        TemporaryFolder.Delete(_folder!);
        return Task.CompletedTask;
    }

    [Fact]
    public void Open_NewerSchemaThanThisBuild_RefusesWithAClearMessage()
    {
        var folder = TemporaryFolder.Create("sqlite-future");
        try
        {
            var path = Path.Combine(folder, "relay.db");
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA user_version = 99;";
                command.ExecuteNonQuery();
            }

            var error = Assert.Throws<InvalidOperationException>(() => new SqliteDatabase(path));
            Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }
}

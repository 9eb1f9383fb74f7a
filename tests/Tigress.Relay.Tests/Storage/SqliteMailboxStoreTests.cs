using Tigress.Protocol.Wire;
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
    public async Task Watch_EachChange_WakesWithTheChangeAndTheSideThatMadeIt()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var (id, initiator) = await CreateAsync(MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete);
        var recipient = NewClaim();

        async Task<MailboxChange?> ChangeOf(Func<Task> change)
        {
            using var watch = Store.Watch(id);
            await change();
            await watch.Changed.WaitAsync(TimeSpan.FromSeconds(30));
            return watch.Change;
        }

        Assert.Equal(new MailboxChange(MailboxEventKind.Claimed, MailboxRole.Recipient), await ChangeOf(() => Store.ReadAsync(Read(id, recipient), default)));
        Assert.Equal(new MailboxChange(MailboxEventKind.Updated, MailboxRole.Recipient), await ChangeOf(() => Store.UpdateAsync(Update(id, recipient, now) with { Payload = Payload() }, Record(recipient, MailboxOperation.Update), default)));
        Assert.Equal(new MailboxChange(MailboxEventKind.Updated, MailboxRole.Initiator), await ChangeOf(() => Store.UpdateAsync(Update(id, initiator, now) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default)));
        Assert.Null(await ChangeOf(() => Store.UpdateAsync(Update(id, initiator, now) with { NotificationToken = "{}"u8.ToArray() }, Record(initiator, MailboxOperation.Update), default)));
        Assert.Equal(new MailboxChange(MailboxEventKind.Relinquished, MailboxRole.Recipient), await ChangeOf(() => Store.RelinquishAsync(id, recipient, now, Record(recipient, MailboxOperation.Relinquish), default)));
        Assert.Equal(new MailboxChange(MailboxEventKind.Deleted, MailboxRole.Initiator), await ChangeOf(() => Store.DeleteAsync(id, initiator, now, Record(initiator, MailboxOperation.Delete), default)));

        var (expiring, _) = await CreateAsync(ttl: TimeSpan.FromMinutes(1));
        using var expiry = Store.Watch(expiring);
        await Store.SweepExpiredAsync(now.AddMinutes(2), default);
        await expiry.Changed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new MailboxChange(MailboxEventKind.Expired, null), expiry.Change);
    }

    [Fact]
    public async Task Read_ByBoundSides_IsAnsweredWhileTheWriterIsBusy()
    {
        var (id, initiator) = await CreateAsync();
        var recipient = NewClaim();
        Assert.True((await Store.ReadAsync(Read(id, recipient), default)).NewlyBound);

        // Reads that change nothing must not queue behind an operation holding the single writer.
        using var writer = await HeldWriter.HoldAsync(_database!);
        var initiatorRead = await Store.ReadAsync(Read(id, initiator), default).WaitAsync(TimeSpan.FromSeconds(30));
        var recipientRead = await Store.ReadAsync(Read(id, recipient), default).WaitAsync(TimeSpan.FromSeconds(30));
        var events = await Store.ReadEventsAsync(id, initiator, 0, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(writer.Busy.IsCompleted);
        Assert.Equal((MailboxStatus.Ok, MailboxRole.Initiator), (initiatorRead.Status, initiatorRead.Role));
        Assert.Equal((MailboxStatus.Ok, MailboxRole.Recipient, false), (recipientRead.Status, recipientRead.Role, recipientRead.NewlyBound));
        Assert.NotNull(recipientRead.OtherPayload);
        Assert.Equal(MailboxEventKind.Claimed, Assert.Single(events.Events).Kind);
    }

    [Fact]
    public async Task Read_NewClaimWhileTheWriterIsBusy_WaitsForTheWriterAndBindsOnce()
    {
        var (id, _) = await CreateAsync();
        var writer = await HeldWriter.HoldAsync(_database!);

        // A binding read is a write: it is queued behind the held operation, not answered from a read snapshot.
        var first = Store.ReadAsync(Read(id, NewClaim()), default);
        var second = Store.ReadAsync(Read(id, NewClaim()), default);
        Assert.False(first.IsCompleted || second.IsCompleted);
        writer.Dispose();
        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([MailboxStatus.Ok, MailboxStatus.WrongClaim], results.Select(r => r.Status));
        Assert.True(results[0].NewlyBound);
    }

    [Fact]
    public async Task Relinquish_ManyDevicesInTurn_TheirRecordsStayWithinTheCapAndGoWithTheMailbox()
    {
        var (id, initiator) = await CreateAsync();

        // Each device claims and leaves: its relinquish's record stays under a claim the mailbox no longer holds.
        for (var i = 0; i < 2 * IMailboxStore.KeptRequests; i++)
        {
            var device = NewClaim();
            Assert.True((await Store.ReadAsync(Read(id, device), default)).NewlyBound);
            Assert.Equal(MailboxStatus.Ok, (await Store.RelinquishAsync(id, device, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), Record(device, MailboxOperation.Relinquish), default)).Status);
        }

        var kept = await StoreGrowthTests.ScalarAsync(_database!, "SELECT count(*) FROM request WHERE mailbox_id = $id;", id);
        await Store.DeleteAsync(id, initiator, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), Record(initiator, MailboxOperation.Delete), default);
        var left = await StoreGrowthTests.ScalarAsync(_database!, "SELECT count(*) FROM request WHERE mailbox_id = $id;", id);

        Assert.InRange(kept, 1, IMailboxStore.KeptRequests);
        Assert.Equal(1, left);
    }

    [Fact]
    public async Task Pin_LastWrongProof_ErasesTheInitiatorsMessageTheKeyAndTheVerifier_AndItsRecordsGoWithTheMailbox()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var pin = await CreatePinAsync(guesses: 2);
        Assert.Equal(1, await StoreGrowthTests.ScalarAsync(_database!, "SELECT count(*) FROM mailbox WHERE id = $id AND pin_key IS NOT NULL AND pin_verifier IS NOT NULL AND i2r_data IS NOT NULL;", pin.Id));

        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        await Store.ReadAsync(Read(pin.Id, NewClaim()) with { PinProof = WrongProof() }, default);
        var erased = await StoreGrowthTests.ScalarAsync(_database!, "SELECT count(*) FROM mailbox WHERE id = $id AND pin_key IS NULL AND pin_verifier IS NULL AND i2r_data IS NULL AND i2r_cipher IS NULL AND pin_guesses = 0;", pin.Id);
        var records = await StoreGrowthTests.ScalarAsync(_database!, "SELECT count(*) FROM request WHERE mailbox_id = $id;", pin.Id);
        await Store.DeleteAsync(pin.Id, pin.Initiator, now, Record(pin.Initiator, MailboxOperation.Delete), default);
        var left = await StoreGrowthTests.ScalarAsync(_database!, "SELECT count(*) FROM request WHERE mailbox_id = $id;", pin.Id);

        Assert.Equal(1, erased);
        Assert.Equal(3, records); // The create's and the two wrong proofs'.
        Assert.Equal(2, left); // The delete's and the create's (emptied) outlive the mailbox, so that neither runs again.
    }

    [Fact]
    public async Task Commit_OverAThousandWalPages_IsNotCheckpointedIntoTheDatabaseFileAtOnce()
    {
        var folder = TemporaryFolder.Create("sqlite-checkpoint");
        try
        {
            var path = Path.Combine(folder, "relay.db");
            using var database = new SqliteDatabase(path);
            var before = new FileInfo(path).Length;

            // About 1,500 pages of 4 KiB: past SQLite's default auto-checkpoint (1,000 pages), within the relay's.
            await database.RunAsync(transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "CREATE TABLE filler (body BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) INSERT INTO filler SELECT zeroblob(4000) FROM n;";
                return command.ExecuteNonQuery();
            }, CancellationToken.None);

            Assert.True(new FileInfo(path + "-wal").Length > 1500 * 4096, "the pages reach the WAL");
            Assert.True(new FileInfo(path).Length - before < 1024 * 1024, $"the database file grew by {new FileInfo(path).Length - before} bytes: the commit was checkpointed at once");
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
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

            var error = Assert.Throws<Tigress.Relay.Hosting.RelayConfigurationException>(() => new SqliteDatabase(path));
            Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }
}

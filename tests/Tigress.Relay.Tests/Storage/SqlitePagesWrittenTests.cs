using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;
using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Testing;
using Xunit.Abstractions;

namespace Tigress.Relay.Tests.Storage;

/// <summary>
/// What each mailbox operation costs the SQLite store in pages written to the WAL: every page a transaction dirtied
/// is one 4 KiB frame, so a schema whose operations touch fewer B-tree leaves writes (and checkpoints) less.
/// </summary>
public sealed class SqlitePagesWrittenTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task MailboxExchange_OnAFilledStore_WritesAFewPagesPerOperation()
    {
        var folder = TemporaryFolder.Create("sqlite-pages");
        try
        {
            using var database = new SqliteDatabase(Path.Combine(folder, "relay.db"));
            var store = new SqliteMailboxStore(database, new MailboxSignals());

            // Enough mailboxes and records that random keys fall on different leaves, as on a busy relay.
            for (var batch = 0; batch < 30; batch++)
            {
                await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => ExchangeAsync(store, delete: false)));
            }

            const int Rounds = 100;
            var frames = new long[5];
            for (var round = 0; round < Rounds; round++)
            {
                var initiator = ClaimHash.Of(Guid.NewGuid());
                var recipient = ClaimHash.Of(Guid.NewGuid());
                var id = Guid.NewGuid();
                frames[0] += await FramesOfAsync(database, async () => Assert.Equal(MailboxStatus.Ok, (await store.CreateAsync(NewMailbox(id, initiator), Record(initiator, MailboxOperation.Create), default)).Status));
                frames[1] += await FramesOfAsync(database, async () => Assert.True((await store.ReadAsync(Read(id, recipient), default)).NewlyBound));
                frames[2] += await FramesOfAsync(database, async () => Assert.Equal(MailboxStatus.Ok, (await store.UpdateAsync(Update(id, recipient), Record(recipient, MailboxOperation.Update), default)).Status));
                frames[3] += await FramesOfAsync(database, async () => Assert.NotNull((await store.ReadAsync(Read(id, initiator), default)).OtherPayload));
                frames[4] += await FramesOfAsync(database, async () => Assert.Equal(MailboxStatus.Ok, (await store.DeleteAsync(id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default)).Status));
            }

            var perOperation = frames.Select(f => (double)f / Rounds).ToArray();
            var report = $"WAL frames per operation: create {perOperation[0]}, claiming read {perOperation[1]}, update {perOperation[2]}, initiator read {perOperation[3]}, delete {perOperation[4]}";
            output.WriteLine(report);

            // A claiming read or an update rewrites the mailbox row and adds a request record: two leaves, and now and
            // then the pages of a B-tree balance. Creates and deletes add and remove entries in more trees; their bounds
            // only catch a regression. Schema version 4 wrote about 6.2, 5.5, 8, 0 and 7 pages.
            Assert.True(perOperation[0] <= 6.5, report);
            Assert.True(perOperation[1] <= 3, report);
            Assert.True(perOperation[2] <= 3.5, report);
            Assert.True(perOperation[3] == 0, report);
            Assert.True(perOperation[4] <= 6.5, report);
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    /// <summary>How many pages the writer's connection wrote to the WAL while <paramref name="operation"/> ran.</summary>
    private static async Task<long> FramesOfAsync(SqliteDatabase database, Func<Task> operation)
    {
        var before = await PagesWrittenAsync(database);
        await operation();
        return await PagesWrittenAsync(database) - before;
    }

    // In WAL mode SQLite counts, per connection, the pages it wrote to the WAL; reading the count writes nothing.
    private static Task<int> PagesWrittenAsync(SqliteDatabase database) =>
        database.RunAsync(
            transaction =>
            {
                var status = SQLitePCL.raw.sqlite3_db_status(transaction.Connection!.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var current, out _, 0);
                Assert.Equal(SQLitePCL.raw.SQLITE_OK, status);
                return current;
            },
            CancellationToken.None);

    private static async Task ExchangeAsync(SqliteMailboxStore store, bool delete)
    {
        var initiator = ClaimHash.Of(Guid.NewGuid());
        var recipient = ClaimHash.Of(Guid.NewGuid());
        var id = Guid.NewGuid();
        await store.CreateAsync(NewMailbox(id, initiator), Record(initiator, MailboxOperation.Create), default);
        await store.ReadAsync(Read(id, recipient), default);
        await store.UpdateAsync(Update(id, recipient), Record(recipient, MailboxOperation.Update), default);
        if (delete)
        {
            await store.DeleteAsync(id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default);
        }
    }

    private static long s_created;

    // Each mailbox expires a little after the one created before it, as on a relay whose clock runs.
    private static NewMailbox NewMailbox(Guid id, ClaimHash initiator) =>
        new(id, initiator, MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete, s_now.AddHours(1).AddMilliseconds(Interlocked.Increment(ref s_created)), "{\"title\":\"t\"}"u8.ToArray(), Payload(), null);

    private static MailboxRead Read(Guid id, ClaimHash claim) => new(id, claim, s_now, Guid.NewGuid(), null);

    private static MailboxUpdate Update(Guid id, ClaimHash claim) => new() { MailboxId = id, Claim = claim, Now = s_now, Payload = Payload() };

    // Bodies the size of the relay's answers: a create's link, an update's small JSON.
    private static RequestRecord Record(ClaimHash claim, MailboxOperation operation) =>
        new(claim, Guid.NewGuid(), operation, RandomNumberGenerator.GetBytes(operation == MailboxOperation.Create ? 120 : 40));

    private static StoredPayload Payload() => new(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(96));
}

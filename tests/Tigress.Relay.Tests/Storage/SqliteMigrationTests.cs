using System.Text;
using Microsoft.Data.Sqlite;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;
using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>A database written by a relay at schema version 4 is served by this one as that relay served it.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] s_display = "{\"title\":\"t\"}"u8.ToArray();

    private readonly string _folder = TemporaryFolder.Create("sqlite-migration");

    private string DatabasePath => Path.Combine(_folder, "relay.db");

    public void Dispose() => TemporaryFolder.Delete(_folder);

    [Fact]
    public async Task Open_Version4Database_ServesItsEventsAndReplaysAsBefore()
    {
        var exchanged = new Version4Mailbox(Guid.NewGuid(), ClaimHash.Of(Guid.NewGuid()), ClaimHash.Of(Guid.NewGuid()));
        var fresh = new Version4Mailbox(Guid.NewGuid(), ClaimHash.Of(Guid.NewGuid()), null);
        var relinquished = new Version4Mailbox(Guid.NewGuid(), ClaimHash.Of(Guid.NewGuid()), null);
        var departed = ClaimHash.Of(Guid.NewGuid());
        var (deletedId, deleter) = (Guid.NewGuid(), ClaimHash.Of(Guid.NewGuid()));
        var (create, claim, update, relinquish, delete) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // What a version 4 relay leaves: a log it pruned in steps of 32 (events 20 to 290), records numbered per
        // mailbox, a relinquish's record under the claim that left, and a deleted mailbox's delete record.
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            connection.Open();
            SqliteSchema.Migrate(connection, 4);
            Insert(connection, exchanged, requests: 3);
            Insert(connection, fresh, requests: 1);
            Insert(connection, relinquished, requests: 3);
            InsertRecord(connection, exchanged.Initiator, create, exchanged.Id, MailboxOperation.Create, "created", seq: 1);
            InsertRecord(connection, exchanged.Recipient!.Value, claim, exchanged.Id, MailboxOperation.Read, "", seq: 2);
            InsertRecord(connection, exchanged.Recipient!.Value, update, exchanged.Id, MailboxOperation.Update, "updated", seq: 3);
            InsertRecord(connection, relinquished.Initiator, Guid.NewGuid(), relinquished.Id, MailboxOperation.Create, "created", seq: 1);
            InsertRecord(connection, departed, relinquish, relinquished.Id, MailboxOperation.Relinquish, "", seq: 3);
            InsertRecord(connection, deleter, delete, deletedId, MailboxOperation.Delete, "deleted", seq: 0);
            for (var seq = 20; seq <= 290; seq++)
            {
                Execute(connection, "INSERT INTO mailbox_event (mailbox_id, seq, kind, side) VALUES ($id, $seq, $kind, $side);",
                    ("$id", exchanged.Id.ToByteArray()), ("$seq", seq), ("$kind", KindOf(seq)), ("$side", SideOf(seq)));
            }

            Execute(connection, "INSERT INTO mailbox_event (mailbox_id, seq, kind, side) VALUES ($id, 1, 1, 2), ($id, 2, 3, 2);", ("$id", relinquished.Id.ToByteArray()));
        }

        using var database = new SqliteDatabase(DatabasePath);
        var store = new SqliteMailboxStore(database, new MailboxSignals());

        // The latest 256 events keep their numbers, kinds and sides, and the log goes on from the last.
        var all = await store.ReadEventsAsync(exchanged.Id, exchanged.Initiator, 0, s_now, default);
        var tail = await store.ReadEventsAsync(exchanged.Id, exchanged.Recipient!.Value, 285, s_now, default);
        Assert.Equal(290, all.LastSequence);
        Assert.Equal(Enumerable.Range(35, 256).Select(seq => new MailboxEvent(seq, KindOf(seq), SideOf(seq) == 0 ? null : (MailboxRole)SideOf(seq))), all.Events);
        Assert.Equal([286L, 287, 288, 289, 290], tail.Events.Select(e => e.Sequence));
        Assert.Equal(MailboxRole.Recipient, tail.Role);
        var empty = await store.ReadEventsAsync(fresh.Id, fresh.Initiator, 0, s_now, default);
        Assert.Equal((MailboxStatus.Ok, 0L), (empty.Status, empty.LastSequence));
        Assert.Empty(empty.Events);
        Assert.Equal(
            [new MailboxEvent(1, MailboxEventKind.Claimed, MailboxRole.Recipient), new MailboxEvent(2, MailboxEventKind.Relinquished, MailboxRole.Recipient)],
            (await store.ReadEventsAsync(relinquished.Id, relinquished.Initiator, 0, s_now, default)).Events);

        // Every record is answered as before: replays, and a reused id for another mailbox is a conflict.
        var createReplay = await store.CreateAsync(NewMailbox(Guid.NewGuid(), exchanged.Initiator), Record(exchanged.Initiator, create, MailboxOperation.Create), default);
        var updateReplay = await store.UpdateAsync(Update(exchanged.Id, exchanged.Recipient!.Value), Record(exchanged.Recipient!.Value, update, MailboxOperation.Update), default);
        var claimReplay = await store.ReadAsync(new MailboxRead(exchanged.Id, exchanged.Recipient!.Value, s_now, claim, null), default);
        var relinquishReplay = await store.RelinquishAsync(relinquished.Id, departed, s_now, Record(departed, relinquish, MailboxOperation.Relinquish), default);
        var deleteReplay = await store.DeleteAsync(deletedId, deleter, s_now, Record(deleter, delete, MailboxOperation.Delete), default);
        var conflict = await store.UpdateAsync(Update(fresh.Id, exchanged.Recipient!.Value), Record(exchanged.Recipient!.Value, update, MailboxOperation.Update), default);
        Assert.Equal((MailboxStatus.Replayed, "created"), (createReplay.Status, Encoding.UTF8.GetString(createReplay.Replay!.Body)));
        Assert.Equal((MailboxStatus.Replayed, "updated"), (updateReplay.Status, Encoding.UTF8.GetString(updateReplay.Replay!.Body)));
        Assert.Equal((MailboxStatus.Ok, true), (claimReplay.Status, claimReplay.Replayed));
        Assert.Equal(MailboxStatus.Replayed, relinquishReplay.Status);
        Assert.Equal((MailboxStatus.Replayed, "deleted"), (deleteReplay.Status, Encoding.UTF8.GetString(deleteReplay.Replay!.Body)));
        Assert.Equal(MailboxStatus.RequestIdConflict, conflict.Status);

        // New events and records follow on: event 291; a deleted mailbox takes its relinquish record too.
        Assert.Equal(MailboxStatus.Ok, (await store.UpdateAsync(Update(exchanged.Id, exchanged.Initiator), Record(exchanged.Initiator, Guid.NewGuid(), MailboxOperation.Update), default)).Status);
        Assert.Equal(
            [new MailboxEvent(291, MailboxEventKind.Updated, MailboxRole.Initiator)],
            (await store.ReadEventsAsync(exchanged.Id, exchanged.Initiator, 290, s_now, default)).Events);
        Assert.Equal(MailboxStatus.Ok, (await store.DeleteAsync(relinquished.Id, relinquished.Initiator, s_now, Record(relinquished.Initiator, Guid.NewGuid(), MailboxOperation.Delete), default)).Status);
        Assert.Equal(0, await CountAsync(database, $"SELECT count(*) FROM request WHERE mailbox_id = $id AND operation NOT IN ({(int)MailboxOperation.Delete}, {(int)SqliteMailboxStore.DeletedCreate});", relinquished.Id));

        // The delete's record is purged at its expiry; then its replay is a new request for a mailbox that is gone.
        await store.SweepExpiredAsync(s_now.AddHours(2), default);
        Assert.Equal(MailboxStatus.NotFound, (await store.DeleteAsync(deletedId, deleter, s_now, Record(deleter, delete, MailboxOperation.Delete), default)).Status);
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM sqlite_schema WHERE name = 'mailbox_event';"));
    }

    private static MailboxEventKind KindOf(int seq) => (MailboxEventKind)(1 + (seq % 3));

    private static int SideOf(int seq) => seq % 3;

    private static void Insert(SqliteConnection connection, Version4Mailbox mailbox, long requests) =>
        Execute(
            connection,
            """
            INSERT INTO mailbox (id, initiator_claim, recipient_claim, rights, expires_at, display, i2r_cipher, i2r_data, i2r_seq, latest_expiry, requests, payload_written)
            VALUES ($id, $initiator, $recipient, 7, $expires, $display, 1, x'0102', 1, $expires, $requests, 2);
            """,
            ("$id", mailbox.Id.ToByteArray()),
            ("$initiator", mailbox.Initiator.Bytes.ToArray()),
            ("$recipient", mailbox.Recipient is { } recipient ? recipient.Bytes.ToArray() : DBNull.Value),
            ("$expires", s_now.AddHours(1).ToUnixTimeMilliseconds()),
            ("$display", s_display),
            ("$requests", requests));

    private static void InsertRecord(SqliteConnection connection, ClaimHash claim, Guid requestId, Guid mailboxId, MailboxOperation operation, string body, long seq) =>
        Execute(
            connection,
            "INSERT INTO request (claim, request_id, mailbox_id, operation, body, expires_at, seq, fingerprint) VALUES ($claim, $request, $mailbox, $operation, $body, $expires, $seq, $fingerprint);",
            ("$claim", claim.Bytes.ToArray()),
            ("$request", requestId.ToByteArray()),
            ("$mailbox", mailboxId.ToByteArray()),
            ("$operation", (int)operation),
            ("$body", Encoding.UTF8.GetBytes(body)),
            ("$expires", s_now.AddHours(1).ToUnixTimeMilliseconds()),
            ("$seq", seq),
            ("$fingerprint", RequestRecord.FingerprintOf([])));

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static Task<long> CountAsync(SqliteDatabase database, string sql, Guid? id = null) => StoreGrowthTests.ScalarAsync(database, sql, id);

    private static NewMailbox NewMailbox(Guid id, ClaimHash initiator) =>
        new(id, initiator, MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete, s_now.AddHours(1), s_display, new StoredPayload(PayloadAlgorithm.Aes128Gcm, new byte[16]), null);

    private static MailboxUpdate Update(Guid id, ClaimHash claim) =>
        new() { MailboxId = id, Claim = claim, Now = s_now, Payload = new StoredPayload(PayloadAlgorithm.Aes128Gcm, new byte[16]) };

    private static RequestRecord Record(ClaimHash claim, Guid requestId, MailboxOperation operation) => new(claim, requestId, operation, []);

    private sealed record Version4Mailbox(Guid Id, ClaimHash Initiator, ClaimHash? Recipient);
}

using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Storage;
using Tigress.Relay.Storage.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Storage;

/// <summary>What one mailbox can make the SQLite store hold is bounded, however many requests it gets.</summary>
public sealed class StoreGrowthTests : IAsyncLifetime
{
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        _relay = await LoopbackRelay.StartAsync();
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Read_LargeMailboxReadManyTimes_StoreStaysTheSizeOfOneMailbox()
    {
        const int Reads = 400;
        const int PayloadBytes = 60_000;
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), data: MailboxApi.SealedData(PayloadBytes));
        var recipient = Guid.NewGuid();

        for (var i = 0; i < Reads; i++)
        {
            using var read = await _api.ReadAsync(mailbox.Id, recipient);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // Stopping folds the WAL into relay.db, so the one file is everything the store holds.
        await _relay.StopAsync();
        var size = new FileInfo(Path.Combine(_relay.DataDirectory, "relay.db")).Length;

        // One mailbox with its 60 KB message and fixed overhead; a copy per read would be about 400 x 80 KB.
        Assert.InRange(size, PayloadBytes, 4 * PayloadBytes);
        Assert.False(File.Exists(Path.Combine(_relay.DataDirectory, "relay.db-wal")) && new FileInfo(Path.Combine(_relay.DataDirectory, "relay.db-wal")).Length > 0);
    }

    [Fact]
    public async Task Update_ThousandsOfWrites_KeepAtMostTheCappedRecordsAndEvents()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var database = _relay.Services.GetRequiredService<SqliteDatabase>();

        await WriteAsync(mailbox.Id, initiator, 400);
        var pagesBefore = await ScalarAsync(database, "PRAGMA page_count;");
        await WriteAsync(mailbox.Id, initiator, 1600);
        var pagesAfter = await ScalarAsync(database, "PRAGMA page_count;");
        var records = await ScalarAsync(database, "SELECT count(*) FROM request WHERE mailbox_id = $id;", mailbox.Id);
        var events = await ScalarAsync(database, "SELECT length(events) FROM mailbox WHERE id = $id;", mailbox.Id);

        // The create's record and the writes' are capped together; the event log (a byte per event) keeps its latest 256.
        Assert.Equal(IMailboxStore.KeptRequests, records);
        Assert.Equal(256, events);

        // Once the caps are reached, freed pages are reused: 1,600 more writes leave the file as it was, give or take.
        Assert.InRange(pagesAfter - pagesBefore, -1000, 8);
    }

    [Fact]
    public async Task Update_PastTheMailboxsPayloadBudget_Answers413AndChangesNothing()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:MaxPayloadBytes"] = "256",
            ["Relay:MaxPayloadBytesPerMailbox"] = "1024",
        });
        var api = new MailboxApi(relay.CreateClient());
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await api.CreateAsync(initiator, data: MailboxApi.SealedData(64));
        var third = MailboxApi.SealedData(256);

        // 64 + 3 x 256 = 832 bytes fit in 1,024; a fourth 256-byte message does not.
        foreach (var data in new[] { MailboxApi.SealedData(256), MailboxApi.SealedData(256), third })
        {
            using var write = await api.WriteAsync(mailbox.Id, initiator, data);
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }

        using var refused = await api.WriteAsync(mailbox.Id, initiator, MailboxApi.SealedData(256));
        using var read = await api.ReadAsync(mailbox.Id, recipient);

        await MailboxApi.AssertProblemAsync(refused, 413, "payload-too-large");
        Assert.Equal(third, MailboxApi.DataOf(await MailboxApi.JsonAsync(read)));
        api.Http.Dispose();
    }

    private async Task WriteAsync(Guid mailboxId, Guid initiator, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var write = await _api.WriteAsync(mailboxId, initiator, MailboxApi.SealedData(32));
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }
    }

    internal static Task<long> ScalarAsync(SqliteDatabase database, string sql, Guid? id = null) =>
        database.RunAsync(transaction =>
        {
            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            if (id is { } mailboxId)
            {
                command.Parameters.Add(new SqliteParameter("$id", mailboxId.ToByteArray()));
            }

            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }, default);
}

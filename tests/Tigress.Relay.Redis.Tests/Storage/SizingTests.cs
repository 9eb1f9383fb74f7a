using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Xunit.Abstractions;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>
/// Measures what a mailbox costs in Redis memory (<c>used_memory</c> before and after), for the operator guide's
/// sizing table, and keeps it from growing unnoticed.
/// </summary>
public sealed class SizingTests(SingleRedisFixture redis, ITestOutputHelper output) : IClassFixture<SingleRedisFixture>
{
    private const int Mailboxes = 2000;
    private static readonly byte[] s_display = Encoding.UTF8.GetBytes(
        "{\"title\":\"Car key\",\"description\":\"Blue sedan, parked outside the station\",\"imageURL\":\"https://images.example.org/cars/blue-sedan.png\"}");

    private static readonly byte[] s_createAnswer = Encoding.UTF8.GetBytes(
        "{\"urlLink\":\"https://relay.example.org/v1/m/0b7f3c4e-2a4d-4f7e-9a51-3f1d1f0e6c2b\",\"isPushNotificationSupported\":false}");

    private static readonly byte[] s_updateAnswer = Encoding.UTF8.GetBytes("{\"isPushNotificationSupported\":false}");

    [Theory]
    [InlineData(256)]
    [InlineData(4096)]
    public async Task Mailbox_MemoryPerMailbox_StaysWithinItsBudget(int payloadBytes)
    {
        var store = RedisStores.Fresh(redis.Connection);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var empty = await UsedMemoryAsync();
            var mailboxes = new List<(Guid Id, ClaimHash Initiator)>();
            for (var i = 0; i < Mailboxes; i++)
            {
                var initiator = ClaimHash.Of(Guid.NewGuid());
                var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete, now.AddHours(48), s_display, Payload(payloadBytes), null);
                Assert.Equal(MailboxStatus.Ok, (await store.CreateAsync(mailbox, new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Create, s_createAnswer), default)).Status);
                mailboxes.Add((mailbox.Id, initiator));
            }

            var created = await UsedMemoryAsync();

            // One full round trip: the recipient claims and reads, answers, and the initiator reads the answer. A read
            // keeps no copy of its answer: only the claiming read leaves a small record.
            foreach (var (id, initiator) in mailboxes)
            {
                var recipient = ClaimHash.Of(Guid.NewGuid());
                await ReadAsync(store, id, recipient, now);
                await store.UpdateAsync(
                    new MailboxUpdate { MailboxId = id, Claim = recipient, Now = now, Payload = Payload(payloadBytes) },
                    new RequestRecord(recipient, Guid.NewGuid(), MailboxOperation.Update, s_updateAnswer),
                    default);
                await ReadAsync(store, id, initiator, now);
            }

            var exchanged = await UsedMemoryAsync();
            var perCreated = (created - empty) / Mailboxes;
            var perExchanged = (exchanged - empty) / Mailboxes;
            output.WriteLine($"Payload {payloadBytes} B: {perCreated} B per created mailbox, {perExchanged} B after one round trip (Redis used_memory, {Mailboxes} mailboxes)");

            // Budget, from measurements with allocator rounding (about 30 %) and per-key overhead: what must be kept
            // (the payloads), plus a fixed allowance per mailbox.
            Assert.InRange(perCreated, payloadBytes, (payloadBytes * 13 / 10) + 2560);
            Assert.InRange(perExchanged, 2 * payloadBytes, (2 * payloadBytes * 13 / 10) + 4096);
        }
        finally
        {
            await RedisStores.DisposeAsync(store);
        }
    }

    private static async Task ReadAsync(IMailboxStore store, Guid id, ClaimHash reader, DateTimeOffset now)
    {
        var read = await store.ReadAsync(new MailboxRead(id, reader, now, Guid.NewGuid(), null), default);
        Assert.Equal(MailboxStatus.Ok, read.Status);
    }

    private async Task<long> UsedMemoryAsync()
    {
        var info = await redis.Server.CliAsync("info", "memory");
        var line = info.Split('\n').Single(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static StoredPayload Payload(int bytes) => new(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(bytes));
}

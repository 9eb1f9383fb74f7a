using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>What one mailbox can make Redis hold is bounded, however many requests it gets (the SQLite twin is StoreGrowthTests).</summary>
public sealed class RedisStoreGrowthTests(SingleRedisFixture redis) : IClassFixture<SingleRedisFixture>, IAsyncLifetime
{
    private readonly string _prefix = RedisStores.NewPrefix();
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        _relay = await LoopbackRelay.StartAsync(
            configureStorage: builder => builder.AddRedisStorage(options =>
            {
                options.Configuration = redis.Configuration;
                options.KeyPrefix = _prefix;
            }));
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Read_LargeMailboxReadManyTimes_KeysStayTheSizeOfOneMailbox()
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

        // The create's record and the claiming read's; no read keeps a copy of its answer.
        var keys = new RedisKeys(_prefix);
        Assert.Equal(2, await redis.Connection.GetDatabase().HashLengthAsync(keys.Requests(mailbox.Id)));
        Assert.InRange(await MemoryUsageAsync(keys, mailbox.Id), PayloadBytes, 2 * PayloadBytes);
    }

    [Fact]
    public async Task Update_ThousandsOfWrites_KeepAtMostTheCappedRecords()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var keys = new RedisKeys(_prefix);
        var database = redis.Connection.GetDatabase();

        await WriteAsync(mailbox.Id, initiator, 300);
        var before = await MemoryUsageAsync(keys, mailbox.Id);
        await WriteAsync(mailbox.Id, initiator, 1200);
        var after = await MemoryUsageAsync(keys, mailbox.Id);

        Assert.Equal(IMailboxStore.KeptRequests, await database.HashLengthAsync(keys.Requests(mailbox.Id)));
        Assert.Equal(IMailboxStore.KeptRequests, await database.ListLengthAsync(keys.RequestOrder(mailbox.Id)));

        // Once the caps are reached, more writes take no more room (give or take the allocator's rounding).
        Assert.InRange(after - before, -4096, 1024);
    }

    private async Task WriteAsync(Guid mailboxId, Guid initiator, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var write = await _api.WriteAsync(mailboxId, initiator, MailboxApi.SealedData(32));
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }
    }

    /// <summary>MEMORY USAGE of the mailbox's own keys: the hash, its request records and their order.</summary>
    private async Task<long> MemoryUsageAsync(RedisKeys keys, Guid id)
    {
        var database = redis.Connection.GetDatabase();
        long total = 0;
        foreach (var key in new[] { keys.Mailbox(id), keys.Requests(id), keys.RequestOrder(id) })
        {
            var usage = await database.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
            total += usage.IsNull ? 0 : (long)usage;
        }

        return total;
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using StackExchange.Redis;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.TestServices;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>
/// A Redis that is full (maxmemory with noeviction) refuses writes: the store says it is full, the relay answers
/// 507 (not a 5xx to retry at once), and its health comes back by its own probe once there is room.
/// </summary>
public sealed class RedisFullTests
{
    [Fact]
    public async Task Create_WhenRedisIsOutOfMemory_IsFullNotAFailure()
    {
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var store = RedisStores.Fresh(connection);
        try
        {
            var error = await Assert.ThrowsAsync<StoreFullException>(() => FillAsync(store));
            Assert.IsType<RedisServerException>(error.InnerException);
        }
        finally
        {
            await RedisStores.DisposeAsync(store);
        }
    }

    [Fact]
    public async Task Healthy_WhileRedisIsOutOfMemory_IsFalseUntilThereIsRoomAgain_WithNoWriteBetween()
    {
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var store = RedisStores.Fresh(connection);
        try
        {
            Assert.True(await store.IsHealthyAsync(default));
            await Assert.ThrowsAsync<StoreFullException>(() => FillAsync(store));
            await FillToTheBrimAsync(connection);

            // Redis still answers pings but refuses the probe's write; room again, and the probe's write says so.
            Assert.False(await store.IsHealthyAsync(default));
            await redis.CliAsync("FLUSHALL");
            Assert.True(await store.IsHealthyAsync(default));
        }
        finally
        {
            await RedisStores.DisposeAsync(store);
        }
    }

    [Fact]
    public async Task Relay_OnAFullRedis_Answers507ForNewContent_AndReadsAndDeletesGoOn()
    {
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        await using var relay = await LoopbackRelay.StartAsync(
            configureStorage: builder => builder.AddRedisStorage(options => options.Configuration = redis.EndPoint));
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var initiator = Guid.NewGuid();
        var kept = await api.CreateAsync(initiator);

        // Fill Redis through the relay, within a bound: 3 MB holds fewer than 100 creates of 48 KB.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(data: MailboxApi.SealedData(48_000)));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await MailboxApi.AssertProblemAsync(refused, 507, "insufficient-storage");
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        }

        await using var filler = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        await FillToTheBrimAsync(filler);
        using var notReady = await http.GetAsync("readyz");
        using var read = await api.ReadAsync(kept.Id, initiator);
        await redis.CliAsync("FLUSHALL");
        using var readyAgain = await http.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
    }

    // Near maxmemory a small write may still fit where a large one does not (Redis counts the request being read):
    // small keys until even one is refused leave no room for the health probe's write either.
    private static async Task FillToTheBrimAsync(IConnectionMultiplexer connection)
    {
        var database = connection.GetDatabase();
        for (var i = 0; i < 100_000; i++)
        {
            try
            {
                await database.StringSetAsync($"filler:{i}", new byte[64]);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("OOM", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail("Redis took 100,000 more keys at its maxmemory.");
    }

    private static async Task FillAsync(IMailboxStore store)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var initiator = ClaimHash.Of(Guid.NewGuid());
            var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, DateTimeOffset.UtcNow.AddHours(1), "{}"u8.ToArray(), new StoredPayload(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(4096)), null);
            await store.CreateAsync(mailbox, new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Create, []), default);
        }
    }
}

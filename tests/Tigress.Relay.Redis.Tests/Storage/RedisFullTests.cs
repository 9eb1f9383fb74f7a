using System.Security.Cryptography;
using StackExchange.Redis;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>A Redis that is full (maxmemory with noeviction) refuses writes: the store reports it unavailable, a 503.</summary>
public sealed class RedisFullTests
{
    [Fact]
    public async Task Create_WhenRedisIsOutOfMemory_IsUnavailableNotAFailure()
    {
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var store = RedisStores.Fresh(connection);
        try
        {
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    var initiator = ClaimHash.Of(Guid.NewGuid());
                    var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, DateTimeOffset.UtcNow.AddHours(1), "{}"u8.ToArray(), new StoredPayload(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(4096)), null);
                    await store.CreateAsync(mailbox, new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Create, []), default);
                }
            });

            Assert.IsType<RedisServerException>(error.InnerException);
        }
        finally
        {
            await RedisStores.DisposeAsync(store);
        }
    }

    [Fact]
    public async Task Healthy_WhileRedisIsOutOfMemory_IsFalseUntilThereIsRoomAgain()
    {
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var store = RedisStores.Fresh(connection);
        try
        {
            Assert.True(await store.IsHealthyAsync(default));
            await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    var initiator = ClaimHash.Of(Guid.NewGuid());
                    var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, DateTimeOffset.UtcNow.AddHours(1), "{}"u8.ToArray(), new StoredPayload(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(4096)), null);
                    await store.CreateAsync(mailbox, new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Create, []), default);
                }
            });

            // Redis still answers pings, and near the limit even a small write may fit: the refused request tells.
            Assert.False(await store.IsHealthyAsync(default));
            await redis.CliAsync("FLUSHALL");
            Assert.False(await store.IsHealthyAsync(default));
            var initiator = ClaimHash.Of(Guid.NewGuid());
            var room = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, DateTimeOffset.UtcNow.AddHours(1), "{}"u8.ToArray(), new StoredPayload(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(4096)), null);
            Assert.Equal(MailboxStatus.Ok, (await store.CreateAsync(room, new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Create, []), default)).Status);
            Assert.True(await store.IsHealthyAsync(default));
        }
        finally
        {
            await RedisStores.DisposeAsync(store);
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.Storage;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>The store contract on a single Redis server.</summary>
public sealed class SingleNodeRedisMailboxStoreTests(SingleRedisFixture redis) : MailboxStoreContractTests, IClassFixture<SingleRedisFixture>
{
    protected override Task<IMailboxStore> CreateStoreAsync() => Task.FromResult(RedisStores.Fresh(redis.Connection));

    protected override Task DestroyStoreAsync(IMailboxStore store) => RedisStores.DisposeAsync(store);
}

/// <summary>The store contract on a three-primary Redis Cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRedisMailboxStoreTests(RedisClusterFixture redis) : MailboxStoreContractTests
{
    protected override Task<IMailboxStore> CreateStoreAsync() => Task.FromResult(RedisStores.Fresh(redis.Connection));

    protected override Task DestroyStoreAsync(IMailboxStore store) => RedisStores.DisposeAsync(store);
}

/// <summary>
/// The store contract on a three-primary Redis Cluster with a replica each, acknowledging only what a replica holds:
/// every script runs on its slot's primary and is confirmed with WAIT there.
/// </summary>
public sealed class ReplicatedClusterRedisMailboxStoreTests(ReplicatedClusterFixture redis) : MailboxStoreContractTests, IClassFixture<ReplicatedClusterFixture>
{
    protected override Task<IMailboxStore> CreateStoreAsync() => Task.FromResult(RedisStores.Fresh(redis.Connection, replication: ReplicatedClusterFixture.Confirmed));

    protected override Task DestroyStoreAsync(IMailboxStore store) => RedisStores.DisposeAsync(store);
}

/// <summary>Stores for tests: each one under its own key prefix, so tests sharing a server never see each other's data.</summary>
internal static class RedisStores
{
    public static IMailboxStore Fresh(IConnectionMultiplexer connection, string? prefix = null, TimeProvider? time = null, RedisReplication? replication = null) =>
        new RedisMailboxStore(Borrow(connection, replication), prefix ?? NewPrefix(), time ?? TimeProvider.System, NullLogger.Instance);

    public static IDropboxStore FreshDropbox(IConnectionMultiplexer connection, string? prefix = null, RedisReplication? replication = null) =>
        new RedisDropboxStore(Borrow(connection, replication), prefix ?? NewPrefix(), NullLogger.Instance);

    // The fixture owns the client connection; a store only borrows it.
    private static RedisConnection Borrow(IConnectionMultiplexer connection, RedisReplication? replication) =>
        new(connection, ownsMultiplexer: false, TimeSpan.FromSeconds(6), NullLogger.Instance, replication);

    public static string NewPrefix() => $"t{Guid.NewGuid():N}:";

    public static Task DisposeAsync(object store)
    {
        ((IDisposable)store).Dispose();
        return Task.CompletedTask;
    }
}

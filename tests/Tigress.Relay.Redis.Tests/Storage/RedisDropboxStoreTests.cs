using System.Buffers.Text;
using System.Security.Cryptography;
using StackExchange.Redis;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.Storage;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>The dropbox store contract on a single Redis server.</summary>
public sealed class SingleNodeRedisDropboxStoreContractTests(SingleRedisFixture redis) : DropboxStoreContractTests, IClassFixture<SingleRedisFixture>
{
    protected override Task<IDropboxStore> CreateStoreAsync() => Task.FromResult(RedisStores.FreshDropbox(redis.Connection));

    protected override Task DestroyStoreAsync(IDropboxStore store) => RedisStores.DisposeAsync(store);
}

/// <summary>The dropbox store contract on a three-primary Redis Cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRedisDropboxStoreContractTests(RedisClusterFixture redis) : DropboxStoreContractTests
{
    protected override Task<IDropboxStore> CreateStoreAsync() => Task.FromResult(RedisStores.FreshDropbox(redis.Connection));

    protected override Task DestroyStoreAsync(IDropboxStore store) => RedisStores.DisposeAsync(store);
}

/// <summary>The dropbox store contract on a replicated Redis Cluster, every write confirmed by a replica.</summary>
public sealed class ReplicatedClusterRedisDropboxStoreContractTests(ReplicatedClusterFixture redis) : DropboxStoreContractTests, IClassFixture<ReplicatedClusterFixture>
{
    protected override Task<IDropboxStore> CreateStoreAsync() => Task.FromResult(RedisStores.FreshDropbox(redis.Connection, replication: ReplicatedClusterFixture.Confirmed));

    protected override Task DestroyStoreAsync(IDropboxStore store) => RedisStores.DisposeAsync(store);
}

/// <summary>The HTTP dropbox on Redis: two stores on two connections with one key prefix act as two relay nodes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisDropboxStoreTests(RedisClusterFixture redis) : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;
    private readonly string _prefix = RedisStores.NewPrefix();
    private ConnectionMultiplexer _secondConnection = null!;
    private IDropboxStore _nodeA = null!;
    private IDropboxStore _nodeB = null!;

    public async Task InitializeAsync()
    {
        _secondConnection = await redis.ConnectAsync();
        _nodeA = RedisStores.FreshDropbox(redis.Connection, _prefix);
        _nodeB = RedisStores.FreshDropbox(_secondConnection, _prefix);
    }

    public async Task DisposeAsync()
    {
        await RedisStores.DisposeAsync(_nodeA);
        await RedisStores.DisposeAsync(_nodeB);
        await _secondConnection.DisposeAsync();
    }

    [Fact]
    public async Task Location_IsWriteOnceAcrossNodes_AndStaysUsedAfterTheDelete()
    {
        var location = NewLocation();
        var message = RandomNumberGenerator.GetBytes(100);

        var put = await _nodeA.PutAsync(Request(location), message, Expiry, default);
        var again = await _nodeB.PutAsync(Request(location), [1], Expiry, default);
        var read = await _nodeB.GetAsync(Request(location), Expiry, default);
        var deleted = await _nodeA.DeleteAsync(Request(location), Expiry, default);
        var gone = await _nodeB.GetAsync(Request(location), Expiry, default);
        var rewrite = await _nodeB.PutAsync(Request(location), [2], Expiry, default);

        Assert.Equal(DropboxStatus.Ok, put.Status);
        Assert.Equal(DropboxStatus.AlreadyWritten, again.Status);
        Assert.Equal(message, read.Body);
        Assert.Equal(DropboxStatus.Ok, deleted.Status);
        Assert.Equal(DropboxStatus.NotFound, gone.Status);
        Assert.Equal(DropboxStatus.AlreadyWritten, rewrite.Status);
    }

    [Fact]
    public async Task Put_ConcurrentlyOnBothNodes_ExactlyOneWrites()
    {
        for (var round = 0; round < 20; round++)
        {
            var location = NewLocation();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var puts = Enumerable.Range(0, 8).Select(async i =>
            {
                await gate.Task;
                return await (i % 2 == 0 ? _nodeA : _nodeB).PutAsync(Request(location), [(byte)i], Expiry, default);
            }).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(puts);

            Assert.Single(results, r => r.Status == DropboxStatus.Ok);
            Assert.Equal(7, results.Count(r => r.Status == DropboxStatus.AlreadyWritten));
        }
    }

    [Fact]
    public async Task Watch_OnOneNode_IsWokenByAPutOnTheOther()
    {
        var location = NewLocation();
        using var watch = _nodeA.Watch(location);
        Assert.Equal(DropboxStatus.NotFound, (await _nodeA.GetAsync(Request(location), Expiry, default)).Status);
        await Task.Delay(20);
        Assert.False(watch.Changed.IsCompleted);

        await _nodeB.PutAsync(Request(location), [9], Expiry, default);

        // Pub/sub wakes it in milliseconds; the bound is for a loaded machine, and nothing else would wake it at all.
        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CookieLock_AdmitsTwoClientsOverBothNodes_AndRefusesAThird()
    {
        var location = NewLocation();
        var writer = Cookie();
        var reader = Cookie();

        var put = await _nodeA.PutAsync(Request(location, null, writer), [1], Expiry, default);
        var read = await _nodeB.GetAsync(Request(location, null, reader), Expiry, default);
        var third = await _nodeA.GetAsync(Request(location, null, Cookie()), Expiry, default);
        var readerAgain = await _nodeA.GetAsync(Request(location, reader, Cookie()), Expiry, default);
        var writerDeletes = await _nodeB.DeleteAsync(Request(location, writer, Cookie()), Expiry, default);

        Assert.True(put.CookieIssued);
        Assert.Equal(DropboxStatus.Ok, read.Status);
        Assert.True(read.CookieIssued);
        Assert.Equal(DropboxStatus.Locked, third.Status);
        Assert.Equal(DropboxStatus.Ok, readerAgain.Status);
        Assert.False(readerAgain.CookieIssued);
        Assert.Equal(DropboxStatus.Ok, writerDeletes.Status);
    }

    [Fact]
    public async Task Location_AtItsExpiry_CountsAsNeverUsed()
    {
        var location = NewLocation();
        var expiry = s_now.AddMinutes(1);
        await _nodeA.PutAsync(Request(location), [1], expiry, default);

        var before = await _nodeB.GetAsync(Request(location) with { Now = expiry.AddMilliseconds(-1) }, expiry, default);
        var at = await _nodeB.GetAsync(Request(location) with { Now = expiry }, expiry, default);
        var rewritten = await _nodeA.PutAsync(Request(location) with { Now = expiry }, [2], expiry.AddMinutes(1), default);

        Assert.Equal(DropboxStatus.Ok, before.Status);
        Assert.Equal(DropboxStatus.NotFound, at.Status);
        Assert.Equal(DropboxStatus.Ok, rewritten.Status);
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(((RedisDropboxStore)_nodeA).Keys.Dropbox(location));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2) + RedisMailboxStore.KeyGrace);
    }

    private static DateTimeOffset Expiry => s_now.AddHours(1);

    private static string NewLocation() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static DropboxRequest Request(string location) => new(location, s_now, null);

    private static DropboxRequest Request(string location, byte[]? presented, byte[] offered) =>
        new(location, s_now, new DropboxLockKey(presented, offered));

    private static byte[] Cookie() => SHA256.HashData(RandomNumberGenerator.GetBytes(32));
}

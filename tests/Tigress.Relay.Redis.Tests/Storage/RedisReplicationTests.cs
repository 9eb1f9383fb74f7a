using System.Globalization;
using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>
/// Writes are acknowledged only once a replica holds them: the WAIT goes to the primary that ran the write, and a
/// write its replica cannot confirm is unavailable (503) and safe to retry with the same request id.
/// </summary>
public sealed class RedisReplicationTests(ReplicatedClusterFixture redis) : IClassFixture<ReplicatedClusterFixture>
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Update_WhoseReplicaIsStalled_IsUnavailable_OtherShardsConfirm_AndTheRetryIsReplayed()
    {
        var store = (RedisMailboxStore)RedisStores.Fresh(redis.Connection, replication: new RedisReplication(1, TimeSpan.FromMilliseconds(500)));
        var shards = await redis.Cluster.TopologyAsync();
        Assert.Equal(3, shards.Count);

        // Two mailboxes on different primaries.
        var mailboxes = new List<(Guid Id, ClaimHash Initiator, RedisServer Owner)>();
        while (mailboxes.Select(m => m.Owner).Distinct().Count() < 2)
        {
            var (id, initiator) = await CreateAsync(store);
            mailboxes.Add((id, initiator, await OwnerAsync(shards, store.Keys.Mailbox(id).ToString())));
        }

        var stalled = mailboxes[^1];
        var healthy = mailboxes.First(m => m.Owner != stalled.Owner);
        var replica = Assert.Single(shards.Single(shard => shard.Primary == stalled.Owner).Replicas);
        var record = new RequestRecord(stalled.Initiator, Guid.NewGuid(), MailboxOperation.Update, [7]);
        var waitsBefore = await WaitCallsAsync(stalled.Owner);
        replica.Pause();
        try
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.UpdateAsync(Update(stalled.Id, stalled.Initiator), record, default));

            // The WAIT went to the primary that ran the write, over the connection that carried it.
            Assert.True(await WaitCallsAsync(stalled.Owner) > waitsBefore, "No WAIT reached the primary that owns the mailbox.");
            var other = await store.UpdateAsync(Update(healthy.Id, healthy.Initiator), new RequestRecord(healthy.Initiator, Guid.NewGuid(), MailboxOperation.Update, []), default);
            Assert.Equal(MailboxStatus.Ok, other.Status);
        }
        finally
        {
            replica.Resume();
        }

        // The first attempt did reach the primary: its retry is answered from the record, now that a replica holds it.
        var retried = await store.UpdateAsync(Update(stalled.Id, stalled.Initiator), record, default);
        Assert.Equal(MailboxStatus.Replayed, retried.Status);
        Assert.Equal(new byte[] { 7 }, retried.Replay!.Body);
        var view = await store.ReadAsync(new MailboxRead(stalled.Id, ClaimHash.Of(Guid.NewGuid()), s_now, Guid.NewGuid(), null), default);
        Assert.Equal(2, view.OtherSequence); // Written once, not twice.
        store.Dispose();
    }

    [Fact]
    public async Task Create_WithNoReplicaRequired_SendsNoWait()
    {
        var store = (RedisMailboxStore)RedisStores.Fresh(redis.Connection, replication: new RedisReplication(0, TimeSpan.FromSeconds(1)));
        var shards = await redis.Cluster.TopologyAsync();
        var before = await Task.WhenAll(shards.Select(shard => WaitCallsAsync(shard.Primary)));
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(store);
        }

        var after = await Task.WhenAll(shards.Select(shard => WaitCallsAsync(shard.Primary)));
        Assert.Equal(before, after);
        store.Dispose();
    }

    [Fact]
    public async Task Write_WhileNoPrimaryIsConnected_IsUnavailableNotAFailure()
    {
        await using var server = await RedisServer.StartAsync();
        var configuration = StackExchange.Redis.ConfigurationOptions.Parse(server.EndPoint);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration);
        var store = RedisStores.Fresh(connection, replication: ReplicatedClusterFixture.Confirmed);
        var (id, initiator) = await CreateAsync(store);

        server.Kill();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (connection.IsConnected)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The client never noticed the server was gone.");
            await Task.Delay(50);
        }

        // The relay answers 503 for this, never 500.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.UpdateAsync(Update(id, initiator), new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Update, []), default));
        ((IDisposable)store).Dispose();
    }

    private static async Task<RedisServer> OwnerAsync(IReadOnlyList<(RedisServer Primary, RedisServer[] Replicas)> shards, string key)
    {
        foreach (var (primary, _) in shards)
        {
            // Only the owner answers; the others redirect.
            if ((await primary.CliAsync("exists", key)).Trim() == "1")
            {
                return primary;
            }
        }

        throw new InvalidOperationException($"No primary holds {key}.");
    }

    private static async Task<long> WaitCallsAsync(RedisServer server)
    {
        var stats = await server.CliAsync("info", "commandstats");
        var line = stats.Split('\n').FirstOrDefault(l => l.StartsWith("cmdstat_wait:", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var calls = line["cmdstat_wait:calls=".Length..line.IndexOf(',', StringComparison.Ordinal)];
        return long.Parse(calls, CultureInfo.InvariantCulture);
    }

    private static async Task<(Guid Id, ClaimHash Initiator)> CreateAsync(IMailboxStore store)
    {
        var initiator = ClaimHash.Of(Guid.NewGuid());
        var mailbox = new NewMailbox(Guid.NewGuid(), initiator, MailboxAccessRights.Read, s_now + TimeSpan.FromHours(1), "{}"u8.ToArray(), new StoredPayload(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(32)), null);
        Assert.Equal(MailboxStatus.Ok, (await store.CreateAsync(mailbox, new RequestRecord(initiator, Guid.NewGuid(), MailboxOperation.Create, []), default)).Status);
        return (mailbox.Id, initiator);
    }

    private static MailboxUpdate Update(Guid id, ClaimHash claim) =>
        new() { MailboxId = id, Claim = claim, Now = s_now, Payload = new StoredPayload(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(32)) };
}

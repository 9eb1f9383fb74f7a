using System.Diagnostics;
using System.Security.Cryptography;
using StackExchange.Redis;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Storage;
using Xunit.Abstractions;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Redis.Tests.Storage;

/// <summary>
/// What the Redis store keeps beyond the shared contract: two stores on two connections with the same key prefix
/// behave as two relay nodes of one deployment, on a real Redis Cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisMailboxStoreTests(RedisClusterFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;
    private readonly string _prefix = RedisStores.NewPrefix();
    private ConnectionMultiplexer _secondConnection = null!;
    private IMailboxStore _nodeA = null!;
    private IMailboxStore _nodeB = null!;

    public async Task InitializeAsync()
    {
        _secondConnection = await redis.ConnectAsync();
        _nodeA = RedisStores.Fresh(redis.Connection, _prefix);
        _nodeB = RedisStores.Fresh(_secondConnection, _prefix);
    }

    public async Task DisposeAsync()
    {
        await RedisStores.DisposeAsync(_nodeA);
        await RedisStores.DisposeAsync(_nodeB);
        await _secondConnection.DisposeAsync();
    }

    [Fact]
    public async Task Watch_OnOneNode_IsWokenByAWriteOnTheOther()
    {
        var latencies = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            var (id, initiator) = await CreateAsync(_nodeA);
            Assert.True((await _nodeA.ReadAsync(new MailboxRead(id, NewClaim(), s_now, Guid.NewGuid(), null), default)).NewlyBound);
            using var watch = _nodeA.Watch(id);

            // The long poll reads before it waits; the read is what makes sure the node listens already.
            var read = await _nodeA.ReadAsync(new MailboxRead(id, initiator, s_now, Guid.NewGuid(), null), default);
            Assert.Equal(MailboxStatus.Ok, read.Status);
            await Task.Delay(20);
            Assert.False(watch.Changed.IsCompleted);
            var started = Stopwatch.StartNew();
            var written = await _nodeB.UpdateAsync(Update(id, initiator) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
            Assert.Equal(MailboxStatus.Ok, written.Status);

            // Pub/sub wakes it in milliseconds (the figures below); the bound is for a loaded machine, and nothing else
            // would wake it at all.
            await watch.Changed.WaitAsync(TimeSpan.FromSeconds(10));
            latencies.Add(started.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        output.WriteLine($"Cross-node wake-up (store level, 20 rounds): median {latencies[10]:F1} ms, max {latencies[^1]:F1} ms");
    }

    [Fact]
    public async Task Watch_ReleasedByEveryWaiter_StopsListening()
    {
        var (id, _) = await CreateAsync(_nodeA);
        var store = (RedisMailboxStore)_nodeA;

        var first = _nodeA.Watch(id);
        var second = _nodeA.Watch(id);
        Assert.Equal(1, store.SubscriptionCount);
        first.Dispose();
        Assert.Equal(1, store.SubscriptionCount);
        second.Dispose();

        Assert.Equal(0, store.SubscriptionCount);
    }

    [Fact]
    public async Task Read_ConcurrentClaimsOverTwoNodes_ExactlyOneBinds()
    {
        for (var round = 0; round < 20; round++)
        {
            var (id, _) = await CreateAsync(_nodeA);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reads = Enumerable.Range(0, 16).Select(async i =>
            {
                await gate.Task;
                var node = i % 2 == 0 ? _nodeA : _nodeB;
                return await node.ReadAsync(new MailboxRead(id, NewClaim(), s_now, Guid.NewGuid(), null), default);
            }).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(reads);

            Assert.Single(results, r => r.Status == MailboxStatus.Ok && r.NewlyBound);
            Assert.Equal(15, results.Count(r => r.Status == MailboxStatus.WrongClaim));
        }
    }

    [Fact]
    public async Task Create_RetriedOnTheOtherNode_AnswersTheFirstMailbox()
    {
        var initiator = NewClaim();
        var record = Record(initiator, MailboxOperation.Create, "first answer"u8.ToArray());
        var first = NewMailbox(initiator);
        var retry = NewMailbox(initiator);

        var created = await _nodeA.CreateAsync(first, record, default);
        var replayed = await _nodeB.CreateAsync(retry, record, default);

        Assert.Equal(MailboxStatus.Ok, created.Status);
        Assert.Equal(MailboxStatus.Replayed, replayed.Status);
        Assert.Equal(first.Id, replayed.Replay!.MailboxId);
        Assert.Equal(MailboxOperation.Create, replayed.Replay.Operation);
        Assert.Equal("first answer"u8.ToArray(), replayed.Replay.Body);
        Assert.Null(await _nodeA.GetPreviewAsync(retry.Id, s_now, default));
    }

    [Fact]
    public async Task Create_SameRequestSentToBothNodesAtOnce_MakesOneMailbox()
    {
        for (var round = 0; round < 10; round++)
        {
            var initiator = NewClaim();
            var record = Record(initiator, MailboxOperation.Create);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = Enumerable.Range(0, 8).Select(async i =>
            {
                await gate.Task;
                var mailbox = NewMailbox(initiator);
                var result = await (i % 2 == 0 ? _nodeA : _nodeB).CreateAsync(mailbox, record, default);
                return (mailbox.Id, Result: result);
            }).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, r => r.Result.Status == MailboxStatus.Ok);
            Assert.All(results.Where(r => r.Result.Status != MailboxStatus.Ok), r =>
            {
                Assert.Equal(MailboxStatus.Replayed, r.Result.Status);
                Assert.Equal(winner.Id, r.Result.Replay!.MailboxId);
            });
        }
    }

    [Fact]
    public async Task Create_FirstAttemptDiedAfterCreating_RetryFindsItsMailbox()
    {
        var initiator = NewClaim();
        var record = Record(initiator, MailboxOperation.Create, [7]);
        var first = NewMailbox(initiator);
        await _nodeA.CreateAsync(first, record, default);

        // As if the node had died between creating the mailbox and marking its create record done.
        var key = ((RedisMailboxStore)_nodeA).Keys.CreateRecord(initiator, record.RequestId);
        await redis.Connection.GetDatabase().StringSetAsync(key, (byte[])[(byte)'p', .. first.Id.ToByteArray()], TimeSpan.FromSeconds(30));
        var retried = await _nodeB.CreateAsync(NewMailbox(initiator), record, default);

        Assert.Equal(MailboxStatus.Replayed, retried.Status);
        Assert.Equal(first.Id, retried.Replay!.MailboxId);
        Assert.Equal((byte)'d', ((byte[])(await redis.Connection.GetDatabase().StringGetAsync(key))!)[0]);
    }

    [Fact]
    public async Task Create_FirstAttemptDiedBeforeCreating_RetryWaitsThenCreatesOnceTheReservationLapses()
    {
        var initiator = NewClaim();
        var record = Record(initiator, MailboxOperation.Create);
        var key = ((RedisMailboxStore)_nodeA).Keys.CreateRecord(initiator, record.RequestId);
        await redis.Connection.GetDatabase().StringSetAsync(key, (byte[])[(byte)'p', .. Guid.NewGuid().ToByteArray()], TimeSpan.FromSeconds(7));

        // Still pending after the store's wait: answered as "retry later", never as a second mailbox.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _nodeB.CreateAsync(NewMailbox(initiator), record, default));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var created = await _nodeB.CreateAsync(NewMailbox(initiator), record, default);

        Assert.Equal(MailboxStatus.Ok, created.Status);
    }

    [Fact]
    public async Task Create_RetriedAfterTheMailboxWasDeleted_IsNotFound()
    {
        var initiator = NewClaim();
        var record = Record(initiator, MailboxOperation.Create);
        var mailbox = NewMailbox(initiator);
        await _nodeA.CreateAsync(mailbox, record, default);
        await _nodeA.DeleteAsync(mailbox.Id, initiator, s_now, Record(initiator, MailboxOperation.Delete), default);

        var retried = await _nodeB.CreateAsync(NewMailbox(initiator), record, default);

        Assert.Equal(MailboxStatus.NotFound, retried.Status);
    }

    [Fact]
    public async Task Update_ReplayedOnTheOtherNode_IsNotWrittenTwice()
    {
        var (id, initiator) = await CreateAsync(_nodeA);
        var record = Record(initiator, MailboxOperation.Update, [4, 2]);

        var first = await _nodeA.UpdateAsync(Update(id, initiator) with { Payload = Payload() }, record, default);
        var again = await _nodeB.UpdateAsync(Update(id, initiator) with { Payload = Payload() }, record, default);
        var view = await _nodeB.ReadAsync(new MailboxRead(id, NewClaim(), s_now, Guid.NewGuid(), null), default);

        Assert.Equal(MailboxStatus.Ok, first.Status);
        Assert.Equal(MailboxStatus.Replayed, again.Status);
        Assert.Equal(new byte[] { 4, 2 }, again.Replay!.Body);
        Assert.Equal(2, view.OtherSequence);
    }

    [Fact]
    public async Task Keys_OfOneMailbox_ShareOneClusterSlot_AndExpireAfterTheMailbox()
    {
        // With a token, so that the slot's token hash exists too.
        var (id, _) = await CreateAsync(_nodeA, TimeSpan.FromMinutes(10), "{}"u8.ToArray());
        var keys = ((RedisMailboxStore)_nodeA).Keys;
        var database = redis.Connection.GetDatabase();

        var slots = new List<long>();
        foreach (var key in keys.ScriptKeys(id))
        {
            Assert.True(await database.KeyExistsAsync(key), $"{key} should exist");
            slots.Add(await redis.KeySlotAsync(key!));
        }

        Assert.Single(slots.Distinct());
        var ttl = await database.KeyTimeToLiveAsync(keys.Mailbox(id));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + RedisMailboxStore.KeyGrace);
    }

    [Fact]
    public async Task Sweep_OnBothNodesAtOnce_CountsEachMailboxOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await CreateAsync(i % 2 == 0 ? _nodeA : _nodeB, TimeSpan.FromMinutes(1))).Id);
        }

        var later = s_now.AddMinutes(2);
        var sweeps = await Task.WhenAll(_nodeA.SweepExpiredAsync(later, default), _nodeB.SweepExpiredAsync(later, default));

        var swept = sweeps.SelectMany(s => s.ExpiredMailboxes).ToList();
        Assert.Equal(ids.Count, swept.Count);
        Assert.Equal(ids.Order(), swept.Order());
        foreach (var id in ids)
        {
            Assert.False(await redis.Connection.GetDatabase().KeyExistsAsync(((RedisMailboxStore)_nodeA).Keys.Mailbox(id)));
        }
    }

    [Fact]
    public async Task Sweep_AfterRedisDroppedTheKeys_StillCountsTheClaimedOnes()
    {
        var (claimedId, _) = await CreateAsync(_nodeA, TimeSpan.FromMinutes(1));
        await _nodeA.ReadAsync(new MailboxRead(claimedId, NewClaim(), s_now, Guid.NewGuid(), null), default);
        var (unclaimedId, _) = await CreateAsync(_nodeA, TimeSpan.FromMinutes(1));
        var keys = ((RedisMailboxStore)_nodeA).Keys;
        var database = redis.Connection.GetDatabase();
        foreach (var id in new[] { claimedId, unclaimedId })
        {
            await database.KeyDeleteAsync([keys.Mailbox(id), keys.Requests(id)]);
        }

        var result = await _nodeB.SweepExpiredAsync(s_now.AddMinutes(2), default);

        Assert.Equal(2, result.ExpiredMailboxes.Count);
        Assert.Equal(1, result.Claimed);
    }

    [Fact]
    public async Task Sweep_AfterRedisDroppedTheKeys_StillReportsTheTokens()
    {
        var initiatorToken = "{\"n\":\"i\"}"u8.ToArray();
        var recipientToken = "{\"n\":\"r\"}"u8.ToArray();
        var (id, _) = await CreateAsync(_nodeA, TimeSpan.FromMinutes(1), initiatorToken);
        await _nodeA.ReadAsync(new MailboxRead(id, NewClaim(), s_now, Guid.NewGuid(), recipientToken), default);
        var keys = ((RedisMailboxStore)_nodeA).Keys;
        await redis.Connection.GetDatabase().KeyDeleteAsync([keys.Mailbox(id), keys.Requests(id)]);

        var result = await _nodeB.SweepExpiredAsync(s_now.AddMinutes(2), default);

        var tokens = Assert.Single(result.NotificationTokens);
        Assert.Equal(id, tokens.MailboxId);
        Assert.Equal(initiatorToken, tokens.InitiatorToken);
        Assert.Equal(recipientToken, tokens.RecipientToken);
        Assert.Equal(0, await redis.Connection.GetDatabase().HashLengthAsync(keys.Tokens(id)));
    }

    [Fact]
    public async Task Tokens_OfRelinquishedDeletedAndSweptMailboxes_LeaveNothingInTheSlotHash()
    {
        var token = "{}"u8.ToArray();
        var keys = ((RedisMailboxStore)_nodeA).Keys;
        var database = redis.Connection.GetDatabase();
        var (relinquished, _) = await CreateAsync(_nodeA);
        var recipient = NewClaim();
        await _nodeA.ReadAsync(new MailboxRead(relinquished, recipient, s_now, Guid.NewGuid(), token), default);
        var (deleted, deleter) = await CreateAsync(_nodeA, token: token);
        var (swept, _) = await CreateAsync(_nodeB, TimeSpan.FromMinutes(1), token);

        Assert.True(await database.HashExistsAsync(keys.Tokens(relinquished), TokenField(relinquished, 'r')));
        await _nodeB.RelinquishAsync(relinquished, recipient, s_now, Record(recipient, MailboxOperation.Relinquish), default);
        await _nodeB.DeleteAsync(deleted, deleter, s_now, Record(deleter, MailboxOperation.Delete), default);
        await _nodeA.SweepExpiredAsync(s_now.AddMinutes(2), default);

        Assert.False(await database.HashExistsAsync(keys.Tokens(relinquished), TokenField(relinquished, 'r')));
        foreach (var id in new[] { deleted, swept })
        {
            Assert.False(await database.HashExistsAsync(keys.Tokens(id), TokenField(id, 'i')));
        }
    }

    [Fact]
    public async Task Events_WrittenThroughOneNode_AreReadOnTheOther()
    {
        var (id, initiator) = await CreateAsync(_nodeA);
        var recipient = NewClaim();

        await _nodeA.ReadAsync(new MailboxRead(id, recipient, s_now, Guid.NewGuid(), null), default);
        await _nodeB.UpdateAsync(Update(id, initiator) with { Payload = Payload() }, Record(initiator, MailboxOperation.Update), default);
        var events = await _nodeB.ReadEventsAsync(id, recipient, 0, s_now, default);

        Assert.Equal(MailboxRole.Recipient, events.Role);
        Assert.Equal(
            [new MailboxEvent(1, MailboxEventKind.Claimed, MailboxRole.Recipient), new MailboxEvent(2, MailboxEventKind.Updated, MailboxRole.Initiator)],
            events.Events);
    }

    [Fact]
    public async Task Pin_LastWrongProof_ErasesTheInitiatorsMessageTheKeyAndTheVerifier()
    {
        var initiator = NewClaim();
        var mailbox = NewMailbox(initiator) with
        {
            PinProtection = new MailboxPinProtection(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), 2),
        };
        Assert.Equal(MailboxStatus.Ok, (await _nodeA.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default)).Status);
        var database = redis.Connection.GetDatabase();
        var key = ((RedisMailboxStore)_nodeA).Keys.Mailbox(mailbox.Id);
        Assert.All(await database.HashGetAsync(key, ["pk", "pv", "pg", "ic", "id"]), value => Assert.False(value.IsNull));

        var first = await _nodeA.ReadAsync(new MailboxRead(mailbox.Id, NewClaim(), s_now, Guid.NewGuid(), null) { PinProof = RandomNumberGenerator.GetBytes(32) }, default);
        var last = await _nodeB.ReadAsync(new MailboxRead(mailbox.Id, NewClaim(), s_now, Guid.NewGuid(), null) { PinProof = RandomNumberGenerator.GetBytes(32) }, default);
        var fields = await database.HashGetAsync(key, ["pk", "pv", "pg", "ic", "id"]);

        Assert.Equal((MailboxStatus.WrongPin, 1), (first.Status, first.GuessesLeft));
        Assert.Equal((MailboxStatus.WrongPin, 0), (last.Status, last.GuessesLeft));
        Assert.True(fields[0].IsNull && fields[1].IsNull && fields[3].IsNull && fields[4].IsNull, "the key, the verifier and the initiator's message are erased");
        Assert.Equal("0", (string?)fields[2]);
    }

    [Fact]
    public async Task Healthy_OnEveryNodeOfTheCluster()
    {
        Assert.True(await _nodeA.IsHealthyAsync(default));
        Assert.True(await _nodeB.IsHealthyAsync(default));
    }

    private static async Task<(Guid Id, ClaimHash Initiator)> CreateAsync(IMailboxStore store, TimeSpan? ttl = null, byte[]? token = null)
    {
        var initiator = NewClaim();
        var mailbox = NewMailbox(initiator, ttl) with { NotificationToken = token };
        var result = await store.CreateAsync(mailbox, Record(initiator, MailboxOperation.Create), default);
        Assert.Equal(MailboxStatus.Ok, result.Status);
        return (mailbox.Id, initiator);
    }

    private static NewMailbox NewMailbox(ClaimHash initiator, TimeSpan? ttl = null) =>
        new(Guid.NewGuid(), initiator, MailboxAccessRights.Read | MailboxAccessRights.Delete, s_now + (ttl ?? TimeSpan.FromHours(1)), "{\"title\":\"t\"}"u8.ToArray(), Payload(), null);

    private static ClaimHash NewClaim() => ClaimHash.Of(Guid.NewGuid());

    private static byte[] TokenField(Guid id, char side) => [.. id.ToByteArray(), (byte)side];

    private static MailboxUpdate Update(Guid id, ClaimHash claim) => new() { MailboxId = id, Claim = claim, Now = s_now };

    private static RequestRecord Record(ClaimHash claim, MailboxOperation operation, byte[]? body = null) => new(claim, Guid.NewGuid(), operation, body ?? []);

    private static StoredPayload Payload() => new(PayloadAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(48));
}

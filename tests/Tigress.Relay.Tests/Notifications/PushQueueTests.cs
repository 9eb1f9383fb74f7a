using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Notifications;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>
/// The push queue never blocks: newer wake-ups replace older ones per side, and a full queue drops the oldest of the
/// client that queued most. Clients take turns, and each client and each push service origin has a share of the senders.
/// </summary>
public sealed class PushQueueTests
{
    [Fact]
    public async Task Enqueue_TwiceForOneSide_OnlyTheNewerIsSent()
    {
        var queue = Queue(capacity: 10);
        var id = Guid.NewGuid();

        queue.Enqueue(Job(id, MailboxRole.Recipient, MailboxEventKind.Updated));
        queue.Enqueue(Job(id, MailboxRole.Recipient, MailboxEventKind.Deleted));
        queue.Enqueue(Job(id, MailboxRole.Initiator, MailboxEventKind.Deleted));

        var first = await queue.DequeueAsync(default);
        var second = await queue.DequeueAsync(default);
        Assert.Equal((MailboxRole.Recipient, MailboxEventKind.Deleted), (first.Side, first.Event));
        Assert.Equal((MailboxRole.Initiator, MailboxEventKind.Deleted), (second.Side, second.Event));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Enqueue_PastCapacity_DropsTheOldestAndNeverBlocks()
    {
        var queue = Queue(capacity: 2);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();

        foreach (var id in ids)
        {
            queue.Enqueue(Job(id, MailboxRole.Initiator, MailboxEventKind.Updated));
        }

        Assert.Equal(2, queue.Count);
        Assert.Equal(ids[1], (await queue.DequeueAsync(default)).MailboxId);
        Assert.Equal(ids[2], (await queue.DequeueAsync(default)).MailboxId);
    }

    [Fact]
    public async Task Dequeue_WhileTheSameSideIsInFlight_HoldsTheNewerUntilComplete()
    {
        var queue = Queue(capacity: 10);
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        queue.Enqueue(Job(id, MailboxRole.Recipient, MailboxEventKind.Updated));
        var inFlight = await queue.DequeueAsync(default);

        queue.Enqueue(Job(id, MailboxRole.Recipient, MailboxEventKind.Updated));
        queue.Enqueue(Job(other, MailboxRole.Recipient, MailboxEventKind.Updated));

        Assert.Equal(other, (await queue.DequeueAsync(default)).MailboxId);
        using var nothing = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.DequeueAsync(nothing.Token));
        queue.Complete(inFlight);
        Assert.Equal(id, (await queue.DequeueAsync(default)).MailboxId);
    }

    [Fact]
    public async Task EnqueueRetry_WhenANewerWakeUpWaits_IsDropped()
    {
        var queue = Queue(capacity: 10);
        var id = Guid.NewGuid();
        queue.Enqueue(Job(id, MailboxRole.Recipient, MailboxEventKind.Deleted));

        queue.EnqueueRetry(Job(id, MailboxRole.Recipient, MailboxEventKind.Updated) with { Attempt = 1 });

        var next = await queue.DequeueAsync(default);
        Assert.Equal((MailboxEventKind.Deleted, 0), (next.Event, next.Attempt));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Dequeue_OneClientQueuedMany_AnotherClientIsServedInTurn()
    {
        var queue = Queue(capacity: 100);
        var flood = Enumerable.Range(0, 10).Select(i => Job(Guid.NewGuid(), MailboxRole.Recipient, MailboxEventKind.Updated) with { Client = "a", Origin = $"o{i}" }).ToList();
        flood.ForEach(queue.Enqueue);
        var late = Job(Guid.NewGuid(), MailboxRole.Recipient, MailboxEventKind.Updated) with { Client = "b", Origin = "ob" };
        queue.Enqueue(late);

        var first = await queue.DequeueAsync(default);
        var second = await queue.DequeueAsync(default);

        Assert.Equal(flood[0].MailboxId, first.MailboxId);
        Assert.Equal(late.MailboxId, second.MailboxId);
    }

    [Fact]
    public async Task Dequeue_AClientOrAnOriginAtItsShareOfSenders_WaitsWhileOthersGo()
    {
        // 8 senders: a share is 2 sends in flight.
        var queue = Queue(capacity: 100, senders: 8);
        Assert.Equal(2, queue.SendersPerShare);
        var ofA = Enumerable.Range(0, 4).Select(i => Job(Guid.NewGuid(), MailboxRole.Recipient, MailboxEventKind.Updated) with { Client = "a", Origin = $"a{i}" }).ToList();
        var toTarpit = Enumerable.Range(0, 3).Select(i => Job(Guid.NewGuid(), MailboxRole.Recipient, MailboxEventKind.Updated) with { Client = $"c{i}", Origin = "tarpit" }).ToList();
        var ofB = Job(Guid.NewGuid(), MailboxRole.Recipient, MailboxEventKind.Updated) with { Client = "b", Origin = "b" };
        ofA.ForEach(queue.Enqueue);
        toTarpit.ForEach(queue.Enqueue);
        queue.Enqueue(ofB);

        var taken = new List<PushJob>();
        for (var i = 0; i < 5; i++)
        {
            taken.Add(await queue.DequeueAsync(default));
        }

        // Two of a's, two to the tarpit origin, and b's; a's other two and the third tarpit job wait for a place.
        using var nothing = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.DequeueAsync(nothing.Token));
        Assert.Equal(2, taken.Count(job => job.Client == "a"));
        Assert.Equal(2, taken.Count(job => job.Origin == "tarpit"));
        Assert.Contains(taken, job => job.MailboxId == ofB.MailboxId);

        queue.Complete(taken.First(job => job.Origin == "tarpit"));
        Assert.Equal("tarpit", (await queue.DequeueAsync(default)).Origin);
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsFromTheClientThatQueuedMost_NeverAnothers()
    {
        var queue = Queue(capacity: 4);
        var mine = Job(Guid.NewGuid(), MailboxRole.Initiator, MailboxEventKind.Claimed) with { Client = "b", Origin = "b" };
        queue.Enqueue(mine);
        for (var i = 0; i < 20; i++)
        {
            queue.Enqueue(Job(Guid.NewGuid(), MailboxRole.Recipient, MailboxEventKind.Updated) with { Client = "a", Origin = $"a{i}" });
        }

        var left = new List<PushJob>();
        for (var i = 0; i < 4; i++)
        {
            left.Add(await queue.DequeueAsync(default));
        }

        Assert.Contains(left, job => job.MailboxId == mine.MailboxId);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Topic_IsPerMailbox_32Base64UrlCharacters_AndNotTheId()
    {
        var id = Guid.NewGuid();

        var topic = PushDispatcher.TopicOf(id);

        Assert.Matches("^[A-Za-z0-9_-]{32}$", topic);
        Assert.Equal(topic, PushDispatcher.TopicOf(id));
        Assert.NotEqual(topic, PushDispatcher.TopicOf(Guid.NewGuid()));
        Assert.DoesNotContain(id.ToString("N")[..8], topic, StringComparison.OrdinalIgnoreCase);
    }

    private static PushQueue Queue(int capacity, int senders = 16)
    {
        var options = Options.Create(new RelayOptions { Push = new PushOptions { QueueCapacity = capacity, MaxConcurrentSends = senders } });
        return new PushQueue(options, new RelayMetrics(new PlainMeterFactory()));
    }

    private static PushJob Job(Guid id, MailboxRole side, MailboxEventKind kind) =>
        new(id, side, "{}"u8.ToArray(), kind, DateTimeOffset.UtcNow.AddHours(1));

    private sealed class PlainMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}

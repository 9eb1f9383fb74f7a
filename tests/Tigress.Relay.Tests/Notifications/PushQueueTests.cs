using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Notifications;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>The push queue never blocks: newer wake-ups replace older ones per side, and a full queue drops the oldest.</summary>
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
        queue.Complete(inFlight.Key);
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
    public void Topic_IsPerMailbox_32Base64UrlCharacters_AndNotTheId()
    {
        var id = Guid.NewGuid();

        var topic = PushDispatcher.TopicOf(id);

        Assert.Matches("^[A-Za-z0-9_-]{32}$", topic);
        Assert.Equal(topic, PushDispatcher.TopicOf(id));
        Assert.NotEqual(topic, PushDispatcher.TopicOf(Guid.NewGuid()));
        Assert.DoesNotContain(id.ToString("N")[..8], topic, StringComparison.OrdinalIgnoreCase);
    }

    private static PushQueue Queue(int capacity)
    {
        var options = Options.Create(new RelayOptions { Push = new PushOptions { QueueCapacity = capacity } });
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

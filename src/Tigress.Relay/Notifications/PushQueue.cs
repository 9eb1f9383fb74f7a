using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Wake-ups waiting to be sent. Adding never blocks: a newer wake-up for a mailbox side replaces the one waiting
/// (the device will read the latest state anyway), and when the queue is full the oldest waiting wake-up is dropped.
/// Each mailbox side has at most one send in flight, so a slow push service holds one sender per device, not all.
/// </summary>
internal sealed class PushQueue
{
    private readonly Channel<PushKey> _order;
    private readonly ConcurrentDictionary<PushKey, PushJob> _waiting = new();
    private readonly ConcurrentDictionary<PushKey, byte> _inFlight = new();
    private readonly RelayMetrics _metrics;

    public PushQueue(IOptions<RelayOptions> options, RelayMetrics metrics)
    {
        _metrics = metrics;
        _order = Channel.CreateBounded<PushKey>(
            new BoundedChannelOptions(Math.Max(1, options.Value.Push.QueueCapacity)) { FullMode = BoundedChannelFullMode.DropOldest },
            Dropped);
    }

    /// <summary>Wake-ups waiting now; for tests and metrics.</summary>
    public int Count => _waiting.Count;

    /// <summary>Queues a wake-up, replacing one that waits for the same mailbox side.</summary>
    public void Enqueue(PushJob job)
    {
        var key = job.Key;
        while (true)
        {
            if (_waiting.TryAdd(key, job))
            {
                _order.Writer.TryWrite(key);
                return;
            }

            // The waiting one's key is still in the channel (or being taken right now, in which case the taker gets ours).
            if (_waiting.TryGetValue(key, out var older) && _waiting.TryUpdate(key, job, older))
            {
                _metrics.PushCollapsed();
                return;
            }
        }
    }

    /// <summary>Queues a retry unless something newer already waits for that mailbox side.</summary>
    public void EnqueueRetry(PushJob job)
    {
        if (_waiting.TryAdd(job.Key, job))
        {
            _order.Writer.TryWrite(job.Key);
        }
    }

    /// <summary>The next wake-up to send, now in flight until <see cref="Complete"/>; waits while none is ready.</summary>
    public async ValueTask<PushJob> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _order.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

            // A side with a send in flight keeps its newer wake-up waiting; Complete puts it back in line.
            if (!_inFlight.TryAdd(key, 0))
            {
                continue;
            }

            if (_waiting.TryRemove(key, out var job))
            {
                return job;
            }

            _inFlight.TryRemove(key, out _);
        }
    }

    /// <summary>Ends the send of a dequeued wake-up; one that waited meanwhile for the same side goes back in line.</summary>
    public void Complete(PushKey key)
    {
        _inFlight.TryRemove(key, out _);
        if (_waiting.ContainsKey(key))
        {
            _order.Writer.TryWrite(key);
        }
    }

    private void Dropped(PushKey key)
    {
        if (_waiting.TryRemove(key, out _))
        {
            _metrics.PushDropped();
        }
    }
}

using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Wake-ups waiting to be sent, shared fairly. Adding never blocks: a newer wake-up for a mailbox side replaces the one
/// waiting (the device will read the latest state anyway). Each client (the address, or IPv6 /64, whose request
/// caused the wake-up) has a lane: senders take from the lanes in turn, a client has at most
/// <see cref="SendersPerShare"/> sends in flight and so has each push service origin, so endpoints that never answer
/// hold a few senders, not all. When the queue is full, the oldest wake-up of the longest lane is dropped: a client
/// filling the queue loses its own wake-ups, never a client that queued fewer. Each mailbox side has at most one send
/// in flight.
/// </summary>
internal sealed class PushQueue
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PushKey, PushJob> _waiting = [];
    private readonly HashSet<PushKey> _inFlight = [];
    private readonly Dictionary<string, LinkedList<PushKey>> _lanes = [];
    private readonly Queue<string> _turns = new(); // lanes with waiting keys, in the order they are served
    private readonly Dictionary<string, int> _clientSends = [];
    private readonly Dictionary<string, int> _originSends = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly RelayMetrics _metrics;
    private readonly int _capacity;
    private int _count;

    public PushQueue(IOptions<RelayOptions> options, RelayMetrics metrics)
    {
        _metrics = metrics;
        _capacity = Math.Max(1, options.Value.Push.QueueCapacity);
        SendersPerShare = Math.Max(1, options.Value.Push.MaxConcurrentSends / 4);
    }

    /// <summary>How many sends one client, and one push service origin, may have in flight: a quarter of the senders.</summary>
    public int SendersPerShare { get; }

    /// <summary>Wake-ups waiting now; for tests and metrics.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Queues a wake-up, replacing one that waits for the same mailbox side.</summary>
    public void Enqueue(PushJob job) => Add(job, replace: true);

    /// <summary>Queues a retry unless something newer already waits for that mailbox side.</summary>
    public void EnqueueRetry(PushJob job) => Add(job, replace: false);

    /// <summary>The next wake-up to send, now in flight until <see cref="Complete"/>; waits while none may go.</summary>
    public async ValueTask<PushJob> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake() is { } job)
            {
                return job;
            }

            await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the send of a dequeued wake-up; one that waited meanwhile for the same side goes back in line.</summary>
    public void Complete(PushJob job)
    {
        lock (_lock)
        {
            _inFlight.Remove(job.Key);
            Release(_clientSends, job.Client);
            Release(_originSends, job.Origin);
            if (_waiting.TryGetValue(job.Key, out var newer))
            {
                Line(newer.Client, job.Key);
            }
        }

        Signal();
    }

    private void Add(PushJob job, bool replace)
    {
        lock (_lock)
        {
            if (_waiting.TryGetValue(job.Key, out var older))
            {
                if (replace)
                {
                    // The key keeps its place in line (in the lane it was queued in); the newer job goes in its stead.
                    _waiting[job.Key] = job with { Client = older.Client };
                    _metrics.PushCollapsed();
                }

                return;
            }

            _waiting[job.Key] = job;
            if (!_inFlight.Contains(job.Key))
            {
                Line(job.Client, job.Key);
            }
        }

        Signal();
    }

    // Puts a key at the end of its client's lane, dropping the longest lane's oldest when the queue is full. Called
    // under the lock.
    private void Line(string client, PushKey key)
    {
        if (!_lanes.TryGetValue(client, out var lane))
        {
            lane = new LinkedList<PushKey>();
            _lanes[client] = lane;
            _turns.Enqueue(client);
        }

        lane.AddLast(key);
        _count++;
        if (_count > _capacity)
        {
            DropOldest(_lanes.Values.MaxBy(l => l.Count)!);
        }
    }

    private void DropOldest(LinkedList<PushKey> lane)
    {
        var oldest = lane.First!.Value;
        lane.RemoveFirst();
        _count--;
        if (_waiting.Remove(oldest))
        {
            _metrics.PushDropped();
        }
    }

    // Lanes take turns; a lane whose client, or whose first ready wake-ups' origins, are at their share waits its next turn.
    private PushJob? TryTake()
    {
        lock (_lock)
        {
            for (var turns = _turns.Count; turns > 0; turns--)
            {
                var client = _turns.Dequeue();
                var lane = _lanes[client];
                var job = _clientSends.GetValueOrDefault(client) < SendersPerShare ? TakeFrom(lane) : null;
                if (lane.Count == 0)
                {
                    _lanes.Remove(client);
                }
                else
                {
                    _turns.Enqueue(client);
                }

                if (job is not null)
                {
                    _inFlight.Add(job.Key);
                    _clientSends[client] = _clientSends.GetValueOrDefault(client) + 1;
                    _originSends[job.Origin] = _originSends.GetValueOrDefault(job.Origin) + 1;
                    return job;
                }
            }

            return null;
        }
    }

    private PushJob? TakeFrom(LinkedList<PushKey> lane)
    {
        // Looks a few keys deep only, so a lane stuck behind one busy origin costs little to pass over.
        var node = lane.First;
        for (var looked = 0; node is not null && looked < 8; looked++)
        {
            var next = node.Next;
            var key = node.Value;
            if (!_waiting.TryGetValue(key, out var job) || _inFlight.Contains(key))
            {
                // Dropped, or in flight: Complete lines it again if a newer one waits.
                lane.Remove(node);
                _count--;
            }
            else if (_originSends.GetValueOrDefault(job.Origin) < SendersPerShare)
            {
                lane.Remove(node);
                _count--;
                _waiting.Remove(key);
                return job;
            }

            node = next;
        }

        return null;
    }

    private static void Release(Dictionary<string, int> sends, string share)
    {
        if (sends.TryGetValue(share, out var count))
        {
            if (count <= 1)
            {
                sends.Remove(share);
            }
            else
            {
                sends[share] = count - 1;
            }
        }
    }

    // Wakes a waiting sender; a spare release only costs a sender one more look.
    private void Signal()
    {
        if (_changed.CurrentCount < 64)
        {
            _changed.Release();
        }
    }
}

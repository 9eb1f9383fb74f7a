using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// Cross-node wake-ups: while at least one request of this process waits on a mailbox, the process is subscribed to
/// that mailbox's sharded channel (<c>SSUBSCRIBE</c>, served by the node that owns the mailbox's slot), and every
/// message on it is handed to <c>MailboxSignals.Publish</c>. The last waiter's release unsubscribes.
/// </summary>
internal sealed class MailboxSubscriptions
{
    private readonly ISubscriber _subscriber;
    private readonly RedisKeys _keys;
    private readonly MailboxSignals _signals;
    private readonly ILogger _logger;
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly Lock _lock = new();

    public MailboxSubscriptions(ISubscriber subscriber, RedisKeys keys, MailboxSignals signals, ILogger logger)
    {
        _subscriber = subscriber;
        _keys = keys;
        _signals = signals;
        _logger = logger;
    }

    /// <summary>Number of mailboxes this process listens to; for tests.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Listens to a mailbox until the returned lease is disposed.</summary>
    public IDisposable Acquire(Guid mailboxId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(mailboxId, out var entry))
            {
                entry = new Entry(mailboxId, _signals);
                _entries.Add(mailboxId, entry);
            }

            // A subscription that failed (Redis was away) is tried again by the next waiter.
            if (entry.Subscribed is null || entry.Subscribed.IsFaulted || entry.Subscribed.IsCanceled)
            {
                entry.Subscribed = _subscriber.SubscribeAsync(_keys.Channel(mailboxId), entry.Handler);
            }

            entry.Holders++;
            return new Lease(this, entry);
        }
    }

    /// <summary>
    /// Completes when the subscription to a mailbox the caller acquired is in place, so that a change on another node
    /// after this point is heard. Completes at once when nobody here waits on the mailbox.
    /// </summary>
    public Task ReadyAsync(Guid mailboxId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(mailboxId, out var entry) && entry.Subscribed is { } subscribed ? subscribed : Task.CompletedTask;
        }
    }

    /// <summary>Stops listening to everything; used when the store is disposed.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                Unsubscribe(entry);
            }

            _entries.Clear();
        }
    }

    private void Release(Entry entry)
    {
        lock (_lock)
        {
            if (--entry.Holders > 0 || !_entries.Remove(entry.MailboxId))
            {
                return;
            }

            // Issued under the lock, so a new subscription to the same channel is always sent after this one's end.
            Unsubscribe(entry);
        }
    }

    private void Unsubscribe(Entry entry)
    {
        try
        {
            _ = _subscriber.UnsubscribeAsync(_keys.Channel(entry.MailboxId), entry.Handler).ContinueWith(
                static (task, state) => RedisStoreLog.UnsubscribeFailed((ILogger)state!, task.Exception!),
                _logger,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            RedisStoreLog.UnsubscribeFailed(_logger, e);
        }
    }

    private sealed class Entry(Guid mailboxId, MailboxSignals signals)
    {
        public Guid MailboxId { get; } = mailboxId;

        // One handler per subscription, so that ending an old subscription never removes a newer one's handler.
        public Action<RedisChannel, RedisValue> Handler { get; } = (_, _) => signals.Publish(mailboxId);

        public Task? Subscribed { get; set; }

        public int Holders { get; set; }
    }

    private sealed class Lease(MailboxSubscriptions owner, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(entry);
            }
        }
    }
}

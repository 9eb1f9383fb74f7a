using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// Cross-node wake-ups: while at least one request of this process waits on a mailbox (or dropbox location), the
/// process is subscribed to its sharded channel (<c>SSUBSCRIBE</c>, served by the node that owns the key's slot),
/// and every message on it is handed to the in-process signals (or to a handler that reads the message first).
/// The last waiter's release unsubscribes.
/// </summary>
/// <typeparam name="TKey">What is watched: a mailbox id or a dropbox location.</typeparam>
internal sealed class ChangeSubscriptions<TKey>
    where TKey : notnull
{
    private readonly ISubscriber _subscriber;
    private readonly Func<TKey, RedisChannel> _channel;
    private readonly ChangeSignals<TKey> _signals;
    private readonly Action<TKey, RedisValue> _onMessage;
    private readonly ILogger _logger;
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Listens on <paramref name="channel"/> of each watched key; a message wakes the key's waiters in
    /// <paramref name="signals"/>, or is given to <paramref name="onMessage"/> to do that when the message matters.
    /// </summary>
    public ChangeSubscriptions(
        ISubscriber subscriber,
        Func<TKey, RedisChannel> channel,
        ChangeSignals<TKey> signals,
        ILogger logger,
        Action<TKey, RedisValue>? onMessage = null)
    {
        _subscriber = subscriber;
        _channel = channel;
        _signals = signals;
        _onMessage = onMessage ?? ((key, _) => signals.Publish(key));
        _logger = logger;
    }

    /// <summary>Number of keys this process listens to; for tests.</summary>
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

    /// <summary>Waits on a key, here and on every other node, until the returned watch is disposed.</summary>
    public MailboxWatch Watch(TKey key)
    {
        var local = _signals.Watch(key);
        var remote = Acquire(key);
        return new MailboxWatch(local.Changed, () =>
        {
            local.Dispose();
            remote.Dispose();
        });
    }

    /// <summary>
    /// Completes when the subscription for a key the caller watches is in place, so that a change on another node
    /// after this point is heard. Completes at once when nobody here watches the key.
    /// </summary>
    public Task ReadyAsync(TKey key)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) && entry.Subscribed is { } subscribed ? subscribed : Task.CompletedTask;
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

    private Lease Acquire(TKey key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new Entry(key, _onMessage);
                _entries.Add(key, entry);
            }

            // A subscription that failed (Redis was away) is tried again by the next waiter.
            if (entry.Subscribed is null || entry.Subscribed.IsFaulted || entry.Subscribed.IsCanceled)
            {
                entry.Subscribed = _subscriber.SubscribeAsync(_channel(key), entry.Handler);
            }

            entry.Holders++;
            return new Lease(this, entry);
        }
    }

    private void Release(Entry entry)
    {
        lock (_lock)
        {
            if (--entry.Holders > 0 || !_entries.Remove(entry.Key))
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
            _ = _subscriber.UnsubscribeAsync(_channel(entry.Key), entry.Handler).ContinueWith(
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

    private sealed class Entry(TKey key, Action<TKey, RedisValue> onMessage)
    {
        public TKey Key { get; } = key;

        // One handler per subscription, so that ending an old subscription never removes a newer one's handler.
        public Action<RedisChannel, RedisValue> Handler { get; } = (_, message) => onMessage(key, message);

        public Task? Subscribed { get; set; }

        public int Holders { get; set; }
    }

    private sealed class Lease(ChangeSubscriptions<TKey> owner, Entry entry) : IDisposable
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

using System.Collections.Concurrent;

namespace Tigress.Relay.RateLimiting;

/// <summary>Counts what each key holds open in this process; keys holding nothing cost nothing.</summary>
internal class KeyedSlots<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> _open = new();

    /// <summary>Takes a place for one more under <paramref name="key"/>, unless <paramref name="limit"/> are held already.</summary>
    public bool TryEnter(TKey key, int limit)
    {
        while (true)
        {
            if (_open.TryGetValue(key, out var count))
            {
                if (count >= limit)
                {
                    return false;
                }

                if (_open.TryUpdate(key, count + 1, count))
                {
                    return true;
                }
            }
            else if (_open.TryAdd(key, 1))
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a place taken by <see cref="TryEnter"/>.</summary>
    public void Exit(TKey key)
    {
        while (_open.TryGetValue(key, out var count))
        {
            if (count <= 1
                ? _open.TryRemove(new KeyValuePair<TKey, int>(key, count))
                : _open.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    /// <summary>Places held under one key; for tests.</summary>
    public int OpenOn(TKey key) => _open.TryGetValue(key, out var count) ? count : 0;
}

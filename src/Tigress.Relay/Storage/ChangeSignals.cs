using System.Collections.Concurrent;

namespace Tigress.Relay.Storage;

/// <summary>
/// In-process wake-ups for long polls: <see cref="Watch"/> hands out a task that <see cref="Publish(TKey)"/> completes.
/// Entries exist only while someone waits, so idle keys cost nothing. A shared store (Redis) calls
/// <see cref="Publish(TKey)"/> when another node reports a change.
/// </summary>
/// <remarks>Part of the store contract: a store shared by several relays publishes here what other nodes changed;
/// the relay creates the instances (<see cref="MailboxSignals"/>, <see cref="DropboxSignals"/>) and a store takes
/// them from dependency injection.</remarks>
/// <typeparam name="TKey">What is watched: a mailbox id or a dropbox location.</typeparam>
public abstract class ChangeSignals<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    private protected ChangeSignals()
    {
    }

    /// <summary>Starts waiting for the next change of <paramref name="key"/>; dispose the watch when done.</summary>
    public MailboxWatch Watch(TKey key)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                // An entry removed by the last watcher's release is dead; take a fresh one.
                if (entry.Watchers < 0)
                {
                    continue;
                }

                entry.Watchers++;
                return new MailboxWatch(entry.Next.Task, () => Release(key, entry));
            }
        }
    }

    /// <summary>Wakes the key's watchers without naming the change: they read the store to learn it.</summary>
    public void Publish(TKey key) => Publish(key, change: null);

    /// <summary>Wakes the key's watchers with the change and the side that made it (<see cref="MailboxWatch.Change"/>).</summary>
    public void Publish(TKey key, MailboxChange? change)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return;
        }

        TaskCompletionSource<MailboxChange?> fired;
        lock (entry)
        {
            fired = entry.Next;
            entry.Next = NewSource();
        }

        fired.TrySetResult(change);
    }

    /// <summary>Number of keys with at least one waiter; for tests and metrics.</summary>
    public int WatchedCount => _entries.Count;

    private void Release(TKey key, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Watchers > 0)
            {
                return;
            }

            entry.Watchers = -1;
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
    }

    // Continuations run off the publisher's thread: the writer must not run the waiters' request code.
    private static TaskCompletionSource<MailboxChange?> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry
    {
        public TaskCompletionSource<MailboxChange?> Next = NewSource();

        public int Watchers;
    }
}

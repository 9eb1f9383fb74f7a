using System.Collections.Concurrent;

namespace Tigress.Relay.Storage;

/// <summary>
/// In-process wake-ups for long polls: <see cref="Watch"/> hands out a task that <see cref="Publish"/> completes.
/// Entries exist only while someone waits, so idle mailboxes cost nothing. A shared store (Redis) calls
/// <see cref="Publish"/> when another node reports a change.
/// </summary>
internal sealed class MailboxSignals
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    public MailboxWatch Watch(Guid mailboxId)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(mailboxId, static _ => new Entry());
            lock (entry)
            {
                // An entry removed by the last watcher's release is dead; take a fresh one.
                if (entry.Watchers < 0)
                {
                    continue;
                }

                entry.Watchers++;
                return new MailboxWatch(entry.Next.Task, () => Release(mailboxId, entry));
            }
        }
    }

    public void Publish(Guid mailboxId)
    {
        if (!_entries.TryGetValue(mailboxId, out var entry))
        {
            return;
        }

        TaskCompletionSource fired;
        lock (entry)
        {
            fired = entry.Next;
            entry.Next = NewSource();
        }

        fired.TrySetResult();
    }

    /// <summary>Number of mailboxes with at least one waiter; for tests and metrics.</summary>
    public int WatchedCount => _entries.Count;

    private void Release(Guid mailboxId, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Watchers > 0)
            {
                return;
            }

            entry.Watchers = -1;
            _entries.TryRemove(new KeyValuePair<Guid, Entry>(mailboxId, entry));
        }
    }

    // Continuations run off the publisher's thread: the writer must not run the waiters' request code.
    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Entry
    {
        public TaskCompletionSource Next = NewSource();

        public int Watchers;
    }
}

using System.Collections.Concurrent;

namespace Tigress.Relay.Events;

/// <summary>Counts the open event streams of each mailbox in this process; mailboxes without a stream cost nothing.</summary>
internal sealed class EventStreamLimiter
{
    private readonly ConcurrentDictionary<Guid, int> _open = new();

    /// <summary>Takes a place for one more stream on the mailbox, unless <paramref name="limit"/> are open already.</summary>
    public bool TryEnter(Guid mailboxId, int limit)
    {
        while (true)
        {
            if (_open.TryGetValue(mailboxId, out var count))
            {
                if (count >= limit)
                {
                    return false;
                }

                if (_open.TryUpdate(mailboxId, count + 1, count))
                {
                    return true;
                }
            }
            else if (_open.TryAdd(mailboxId, 1))
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a place taken by <see cref="TryEnter"/>.</summary>
    public void Exit(Guid mailboxId)
    {
        while (_open.TryGetValue(mailboxId, out var count))
        {
            if (count <= 1
                ? _open.TryRemove(new KeyValuePair<Guid, int>(mailboxId, count))
                : _open.TryUpdate(mailboxId, count - 1, count))
            {
                return;
            }
        }
    }

    /// <summary>Open streams on one mailbox; for tests.</summary>
    public int OpenOn(Guid mailboxId) => _open.TryGetValue(mailboxId, out var count) ? count : 0;
}

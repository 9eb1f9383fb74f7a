using System.Collections.Concurrent;

namespace Tigress.Relay.Storage;

/// <summary>
/// Wake-ups for long polls and event streams on mailboxes, keyed by mailbox id. A delete also leaves a short-lived
/// note of which side deleted, because the mailbox's event log goes with it: an event stream woken by the delete
/// reads the note to say who ended the mailbox.
/// </summary>
internal sealed class MailboxSignals : ChangeSignals<Guid>
{
    // Notes are needed only for the moment between the wake-up and the stream's next read.
    private static readonly TimeSpan s_noteLifetime = TimeSpan.FromMinutes(1);
    private const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<Guid, (MailboxRole Side, long At)> _deletions = new();

    /// <summary>Notes who deleted a mailbox and wakes everyone watching it.</summary>
    public void PublishDeleted(Guid mailboxId, MailboxRole side)
    {
        var now = Environment.TickCount64;
        if (_deletions.Count >= PruneAbove)
        {
            foreach (var (id, note) in _deletions)
            {
                if (now - note.At > s_noteLifetime.TotalMilliseconds)
                {
                    _deletions.TryRemove(id, out _);
                }
            }
        }

        _deletions[mailboxId] = (side, now);
        Publish(mailboxId);
    }

    /// <summary>Which side deleted a mailbox recently, if this process saw it.</summary>
    public MailboxRole? DeletedBy(Guid mailboxId) =>
        _deletions.TryGetValue(mailboxId, out var note) && Environment.TickCount64 - note.At <= s_noteLifetime.TotalMilliseconds
            ? note.Side
            : null;
}

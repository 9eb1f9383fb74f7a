namespace Tigress.Relay.Storage;

/// <summary>
/// Wake-ups for long polls and event streams on mailboxes, keyed by mailbox id. Each wake-up carries the change and
/// the side that made it (<see cref="MailboxWatch.Change"/>): an event stream woken by a delete learns the deleting
/// side from its own watch, since the mailbox's event log goes with it, and nothing is kept for mailboxes nobody watches.
/// </summary>
public sealed class MailboxSignals : ChangeSignals<Guid>
{
    /// <summary>Wakes everyone watching a mailbox, telling them which side deleted it.</summary>
    public void PublishDeleted(Guid mailboxId, MailboxRole side) => Publish(mailboxId, new MailboxChange(MailboxEventKind.Deleted, side));
}

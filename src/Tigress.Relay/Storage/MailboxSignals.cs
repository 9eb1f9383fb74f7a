namespace Tigress.Relay.Storage;

/// <summary>
/// Wake-ups for long polls and event streams on mailboxes, keyed by mailbox id. A delete's wake-up names the side
/// that deleted, because the mailbox's event log goes with it: an event stream woken by the delete reads the side
/// from its own watch (<see cref="MailboxWatch.DeletedBy"/>), so nothing is kept for mailboxes nobody watches.
/// </summary>
public sealed class MailboxSignals : ChangeSignals<Guid>
{
    /// <summary>Wakes everyone watching a mailbox, telling them which side deleted it.</summary>
    public void PublishDeleted(Guid mailboxId, MailboxRole side) => Publish(mailboxId, side);
}

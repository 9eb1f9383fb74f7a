namespace Tigress.Relay.Diagnostics;

/// <summary>How a mailbox ended, for the <c>tigress.relay.mailboxes.ended</c> counter.</summary>
internal enum MailboxOutcome
{
    DeletedByInitiator = 1,
    DeletedByRecipient,
    ExpiredUnclaimed,
    ExpiredClaimed,
}

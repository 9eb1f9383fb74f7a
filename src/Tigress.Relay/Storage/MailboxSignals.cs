namespace Tigress.Relay.Storage;

/// <summary>Wake-ups for long polls on mailboxes, keyed by mailbox id.</summary>
internal sealed class MailboxSignals : ChangeSignals<Guid>;

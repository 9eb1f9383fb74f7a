namespace Tigress.Client.Mailbox;

/// <summary>The side of a mailbox that caused an event.</summary>
public enum MailboxSide
{
    /// <summary>The side that created the mailbox.</summary>
    Initiator = 1,

    /// <summary>The side bound by the first claim.</summary>
    Recipient = 2,
}

namespace Tigress.Relay.Storage;

/// <summary>Which side of a share a device claim belongs to.</summary>
public enum MailboxRole
{
    /// <summary>The device that created the mailbox and shares the credential.</summary>
    Initiator = 1,

    /// <summary>The first device that claimed the mailbox after creation or the last relinquish.</summary>
    Recipient = 2,
}

namespace Tigress.Relay.Storage;

/// <summary>The operation an idempotency record answers; stored as its number.</summary>
public enum MailboxOperation
{
    /// <summary>CreateMailbox.</summary>
    Create = 1,

    /// <summary>ReadSecureContentFromMailbox.</summary>
    Read = 2,

    /// <summary>UpdateMailbox.</summary>
    Update = 3,

    /// <summary>DeleteMailbox.</summary>
    Delete = 4,

    /// <summary>RelinquishMailbox.</summary>
    Relinquish = 5,
}

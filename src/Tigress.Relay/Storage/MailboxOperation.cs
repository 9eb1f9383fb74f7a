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

    /// <summary>
    /// A read whose relay-assisted PIN proof was wrong (docs/protocol.md section 12.6): its record keeps the guesses it
    /// left, so that a repeat of it is answered the same and spends nothing.
    /// </summary>
    WrongPinProof = 6,
}

namespace Tigress.Relay.Storage;

/// <summary>How a store operation ended.</summary>
public enum MailboxStatus
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>No live mailbox has this id: unknown, deleted or expired, deliberately indistinguishable.</summary>
    NotFound,

    /// <summary>The claim belongs to neither side (or a recipient is already bound and it is not this one).</summary>
    WrongClaim,

    /// <summary>The recipient lacks the access right this operation needs.</summary>
    MissingRight,

    /// <summary>The request id was seen before from this claim; nothing changed and the first answer is returned.</summary>
    Replayed,

    /// <summary>
    /// The request id was seen before from this claim with another operation, mailbox or body: nothing changed, and
    /// the relay refuses it (<c>409</c>).
    /// </summary>
    RequestIdConflict,

    /// <summary>The message would take the mailbox past its <see cref="NewMailbox.PayloadByteBudget"/>; nothing changed.</summary>
    PayloadBudgetExhausted,

    /// <summary>
    /// A claim that is not bound read a mailbox protected by a relay-assisted PIN without a proof (docs/protocol.md
    /// section 12.6); nothing changed.
    /// </summary>
    PinRequired,

    /// <summary>
    /// A claim that is not bound gave a wrong PIN proof: one guess was spent (or, for a repeat of that read, the
    /// answer was given again from its record) and <see cref="MailboxReadResult.GuessesLeft"/> says how many remain.
    /// </summary>
    WrongPin,

    /// <summary>The relay-assisted PIN's guesses are used up: the mailbox is locked to everyone but its initiator.</summary>
    PinLocked,

    /// <summary>An evaluation asked for a mailbox without a relay-assisted PIN.</summary>
    NotPinProtected,
}

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
}

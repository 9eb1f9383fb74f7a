using Tigress.Protocol.Wire;

namespace Tigress.Relay.Storage;

/// <summary>A mailbox to create.</summary>
/// <param name="Id">The mailbox id (UUID v4 from a CSPRNG).</param>
/// <param name="InitiatorClaim">Hash of the creator's claim.</param>
/// <param name="RecipientRights">What the recipient may do.</param>
/// <param name="ExpiresAt">When the mailbox stops existing, already capped at the relay's maximum.</param>
/// <param name="DisplayInformation">The display information as the JSON the relay will serve.</param>
/// <param name="Payload">The initiator's first message.</param>
/// <param name="NotificationToken">The initiator's notification token as JSON, if it gave one.</param>
public sealed record NewMailbox(
    Guid Id,
    ClaimHash InitiatorClaim,
    MailboxAccessRights RecipientRights,
    DateTimeOffset ExpiresAt,
    byte[] DisplayInformation,
    StoredPayload Payload,
    byte[]? NotificationToken)
{
    /// <summary>
    /// The latest expiry any update may set: the relay's maximum TTL counts from the creation, so updates cannot keep
    /// a mailbox alive for ever.
    /// </summary>
    /// <remarks>Default: <see langword="null"/>, no limit beyond what the caller caps.</remarks>
    public DateTimeOffset? LatestExpiresAt { get; init; }

    /// <summary>How many payload bytes the mailbox accepts over its life, its first message included.</summary>
    /// <remarks>Default: <see langword="null"/>, no limit.</remarks>
    public long? PayloadByteBudget { get; init; }

    /// <summary>
    /// The relay-assisted PIN (docs/protocol.md section 12.6): a claim that is not bound then reads only with a proof,
    /// and the mailbox locks once its guesses are spent.
    /// </summary>
    /// <remarks>Default: <see langword="null"/>, no PIN the relay knows of.</remarks>
    public MailboxPinProtection? PinProtection { get; init; }
}

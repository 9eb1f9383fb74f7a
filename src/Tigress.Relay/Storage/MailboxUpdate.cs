using Tigress.Protocol.Wire;

namespace Tigress.Relay.Storage;

/// <summary>A change to a mailbox by one of its sides. Members left <see langword="null"/> are not changed.</summary>
public sealed record MailboxUpdate
{
    /// <summary>The mailbox.</summary>
    public required Guid MailboxId { get; init; }

    /// <summary>Hash of the writer's claim.</summary>
    public required ClaimHash Claim { get; init; }

    /// <summary>The relay's clock, for exact expiry.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>A new message for the other side; the recipient needs <see cref="MailboxAccessRights.Write"/>.</summary>
    public StoredPayload? Payload { get; init; }

    /// <summary>New display information JSON (initiator only).</summary>
    public byte[]? DisplayInformation { get; init; }

    /// <summary>New recipient rights (initiator only).</summary>
    public MailboxAccessRights? RecipientRights { get; init; }

    /// <summary>New expiry (initiator only); the store caps it at the mailbox's <see cref="NewMailbox.LatestExpiresAt"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A notification token for the writer's side, as JSON.</summary>
    public byte[]? NotificationToken { get; init; }
}

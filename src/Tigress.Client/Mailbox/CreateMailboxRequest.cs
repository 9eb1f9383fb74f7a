using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Mailbox;

/// <summary>What the initiator sends to create a mailbox: the public preview, the first sealed message and
/// the mailbox settings.</summary>
public sealed class CreateMailboxRequest
{
    /// <summary>The preview the relay shows to anyone holding the link.</summary>
    public required DisplayInformation DisplayInformation { get; init; }

    /// <summary>The initiator's first message, sealed as message 0 of <c>i2r</c>.</summary>
    public required SecurePayload Payload { get; init; }

    /// <summary>Where to notify the initiator of changes, if anywhere.</summary>
    public NotificationToken? NotificationToken { get; init; }

    /// <summary>The recipient's rights.</summary>
    /// <remarks>Defaults to read, write and delete, which every vertical with a reply needs; the relay's own
    /// default (read and delete) is used only when this is set to <see langword="null"/>.</remarks>
    public MailboxAccessRights? RecipientRights { get; init; } = MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete;

    /// <summary>When the mailbox should expire; the relay caps it at its maximum lifetime and reports the
    /// effective value in reads.</summary>
    /// <remarks>Defaults to <see langword="null"/>: the relay's maximum lifetime.</remarks>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>A relay-assisted PIN's OPRF key, verifier and guess count, for a share protected by one.</summary>
    /// <remarks>Defaults to <see langword="null"/>: no relay-assisted PIN.</remarks>
    public MailboxPinProtection? PinProtection { get; init; }
}

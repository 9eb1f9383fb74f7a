using System.ComponentModel;
using Tigress.Client.Mailbox;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>What an initiator shares: the relay, the vertical's format, the content and the preview.</summary>
public sealed class ShareRequest
{
    /// <summary>The relay's base URL, such as <c>https://relay.example/</c>.</summary>
    public required Uri RelayUri { get; init; }

    /// <summary>The provisioning-information format; a vertical for it must be in <see cref="TransferSessionOptions.Verticals"/>.</summary>
    public required string Format { get; init; }

    /// <summary>The content handed to the vertical's <see cref="Verticals.ICredentialVertical.BeginAsync"/>.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The public preview; it is also sealed into the first message so the recipient can check the relay.</summary>
    public required DisplayInformation DisplayInformation { get; init; }

    /// <summary>The share URL's <c>v</c> hint.</summary>
    /// <remarks>Defaults to null: the vertical's own <see cref="Verticals.ICredentialVertical.ShareVertical"/>.</remarks>
    public ShareVertical? ShareVertical { get; init; }

    /// <summary>The cipher, and so the share secret's length.</summary>
    /// <remarks>Defaults to <see cref="PayloadAlgorithm.Aes128Gcm"/> (a 16-byte secret, the shortest link).</remarks>
    public PayloadAlgorithm Algorithm { get; init; } = PayloadAlgorithm.Aes128Gcm;

    /// <summary>When the share should expire.</summary>
    /// <remarks>Defaults to null: the relay's maximum lifetime (48 hours unless its operator changed it).</remarks>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>Where the relay should notify the initiator, if anywhere.</summary>
    public NotificationToken? NotificationToken { get; init; }

    /// <summary>Names the format only; the content is secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"ShareRequest({Format})";
}

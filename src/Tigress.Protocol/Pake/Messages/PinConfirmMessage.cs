using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Pake.Messages;

/// <summary>
/// Message i2r 1 of a PIN share, <c>tigress.pin.confirm</c>: the initiator's key confirmation cA, and its first
/// content message already sealed under the PIN session key. The envelope itself is sealed under the invitation secret,
/// so the recipient can check cA before it holds the session key, and opens the content only once cA verifies.
/// </summary>
public sealed class PinConfirmMessage
{
    /// <summary>The largest sealed content accepted, in bytes.</summary>
    /// <remarks>64 KiB, the default payload limit of a relay (docs/protocol.md section 7.13); once base64url-encoded inside this message
    /// the content must still fit the binding's own limit, so in practice it is about a quarter smaller.</remarks>
    public const int MaxSealedLength = 64 * 1024;

    /// <summary>The length of the key confirmation this message carries, in bytes (32: HMAC-SHA-256).</summary>
    public const int ConfirmationLength = Spake2.ConfirmationLength;

    private readonly byte[] _confirmation;
    private readonly byte[] _sealed;

    /// <summary>Wraps a confirmation and the sealed first content message; the bytes are copied.</summary>
    /// <exception cref="ArgumentException">The confirmation is not <see cref="ConfirmationLength"/> bytes, or the sealed content is empty or longer than <see cref="MaxSealedLength"/>.</exception>
    public PinConfirmMessage(ReadOnlySpan<byte> confirmation, ReadOnlySpan<byte> sealedContent)
    {
        if (confirmation.Length != Spake2.ConfirmationLength)
        {
            throw Error.Argument_Length(nameof(confirmation), Spake2.ConfirmationLength);
        }

        if (sealedContent.IsEmpty || sealedContent.Length > MaxSealedLength)
        {
            throw Error.Argument_Invalid(nameof(sealedContent), $"The sealed content is 1 to {MaxSealedLength} bytes.");
        }

        _confirmation = confirmation.ToArray();
        _sealed = sealedContent.ToArray();
    }

    /// <summary>cA, the initiator's key confirmation.</summary>
    public ReadOnlyMemory<byte> Confirmation => _confirmation;

    /// <summary>The initiator's first content message, sealed by <see cref="PinSessionCipher"/> as message i2r 1.</summary>
    public ReadOnlyMemory<byte> SealedContent => _sealed;

    /// <summary>Reads the message from its envelope; false when the format is not <see cref="PinFormats.Confirm"/> or the content is malformed.</summary>
    public static bool TryParse(ProvisioningInformation message, [NotNullWhen(true)] out PinConfirmMessage? confirm)
    {
        ArgumentNullException.ThrowIfNull(message);
        confirm = message.Format == PinFormats.Confirm
            && PinMessageContent.TryRead(message.Content, "confirmation", Spake2.ConfirmationLength, Spake2.ConfirmationLength, out var confirmation)
            && PinMessageContent.TryRead(message.Content, "sealed", 1, MaxSealedLength, out var sealedContent)
            ? new PinConfirmMessage(confirmation, sealedContent)
            : null;
        return confirm is not null;
    }

    /// <summary>The message as an envelope to seal under the invitation secret.</summary>
    public ProvisioningInformation ToProvisioningInformation() =>
        new(PinFormats.Confirm, PinMessageContent.Write(("confirmation", _confirmation), ("sealed", _sealed)));

    /// <summary>Names the message and the sealed size only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"{PinFormats.Confirm} ({_sealed.Length} sealed bytes)";
}

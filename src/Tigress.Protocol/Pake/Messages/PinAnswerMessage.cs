using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Pake.Messages;

/// <summary>
/// Message r2i 0 of a PIN share, <c>tigress.pin.answer</c>: the recipient's SPAKE2 share pB and its key confirmation
/// cB, sealed under the invitation secret. The initiator checks cB; a wrong one ends the share.
/// </summary>
public sealed class PinAnswerMessage
{
    private readonly byte[] _share;
    private readonly byte[] _confirmation;

    /// <summary>Wraps a share and a confirmation; the bytes are copied.</summary>
    /// <exception cref="ArgumentException">The share is not <see cref="Spake2.ShareLength"/> bytes or the confirmation not <see cref="Spake2.ConfirmationLength"/>.</exception>
    public PinAnswerMessage(ReadOnlySpan<byte> share, ReadOnlySpan<byte> confirmation)
    {
        if (share.Length != Spake2.ShareLength)
        {
            throw Error.Argument_Length(nameof(share), Spake2.ShareLength);
        }

        if (confirmation.Length != Spake2.ConfirmationLength)
        {
            throw Error.Argument_Length(nameof(confirmation), Spake2.ConfirmationLength);
        }

        _share = share.ToArray();
        _confirmation = confirmation.ToArray();
    }

    /// <summary>pB, an uncompressed P-256 point.</summary>
    public ReadOnlyMemory<byte> Share => _share;

    /// <summary>cB, the recipient's key confirmation.</summary>
    public ReadOnlyMemory<byte> Confirmation => _confirmation;

    /// <summary>Reads the message from its envelope; false when the format is not <see cref="PinFormats.Answer"/> or the content is malformed.</summary>
    public static bool TryParse(ProvisioningInformation message, [NotNullWhen(true)] out PinAnswerMessage? answer)
    {
        ArgumentNullException.ThrowIfNull(message);
        answer = message.Format == PinFormats.Answer
            && PinMessageContent.TryRead(message.Content, "share", Spake2.ShareLength, Spake2.ShareLength, out var share)
            && PinMessageContent.TryRead(message.Content, "confirmation", Spake2.ConfirmationLength, Spake2.ConfirmationLength, out var confirmation)
            ? new PinAnswerMessage(share, confirmation)
            : null;
        return answer is not null;
    }

    /// <summary>The message as an envelope to seal.</summary>
    public ProvisioningInformation ToProvisioningInformation() =>
        new(PinFormats.Answer, PinMessageContent.Write(("share", _share), ("confirmation", _confirmation)));

    /// <summary>Names the message only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => PinFormats.Answer;
}

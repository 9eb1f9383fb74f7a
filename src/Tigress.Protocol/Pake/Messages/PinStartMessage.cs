using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Pake.Messages;

/// <summary>
/// Message i2r 0 of a PIN share, <c>tigress.pin.start</c>: the initiator's SPAKE2 share pA. It is sealed under the
/// invitation secret like any first message, and carries no part of the credential.
/// </summary>
public sealed class PinStartMessage
{
    private readonly byte[] _share;

    /// <summary>Wraps a share; the bytes are copied. Whether it is a point on the curve is checked when it is used.</summary>
    /// <exception cref="ArgumentException">The share is not <see cref="Spake2.ShareLength"/> bytes.</exception>
    public PinStartMessage(ReadOnlySpan<byte> share)
    {
        if (share.Length != Spake2.ShareLength)
        {
            throw Error.Argument_Length(nameof(share), Spake2.ShareLength);
        }

        _share = share.ToArray();
    }

    /// <summary>pA, an uncompressed P-256 point.</summary>
    public ReadOnlyMemory<byte> Share => _share;

    /// <summary>Reads the message from its envelope; false when the format is not <see cref="PinFormats.Start"/> or the content is malformed.</summary>
    public static bool TryParse(ProvisioningInformation message, [NotNullWhen(true)] out PinStartMessage? start)
    {
        ArgumentNullException.ThrowIfNull(message);
        start = message.Format == PinFormats.Start
            && PinMessageContent.TryRead(message.Content, "share", Spake2.ShareLength, Spake2.ShareLength, out var share)
            ? new PinStartMessage(share)
            : null;
        return start is not null;
    }

    /// <summary>The message as an envelope to seal, with the initiator's copy of the preview (docs/protocol.md section 5.1) when given.</summary>
    public ProvisioningInformation ToProvisioningInformation(DisplayInformation? displayInformation = null) =>
        new(PinFormats.Start, PinMessageContent.Write(("share", _share)), displayInformation);

    /// <summary>Names the message only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => PinFormats.Start;
}

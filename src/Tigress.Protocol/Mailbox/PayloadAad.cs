using System.Buffers.Text;
using System.Diagnostics;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// The additional authenticated data of docs/protocol.md section 4.1 (docs/protocol.md section 7): UTF-8 <c>tigress-mailbox/1 {dir} {n}</c>.
/// </summary>
/// <remarks>
/// | Field                 | Bytes | Value                                          |
/// |-----------------------|-------|------------------------------------------------|
/// | label                 | 18    | <c>tigress-mailbox/1 </c> (with the space)     |
/// | dir                   | 3     | <c>i2r</c> or <c>r2i</c>                        |
/// | separator             | 1     | a space                                        |
/// | n                     | 1..10 | that direction's message count from 0, decimal |
/// </remarks>
internal static class PayloadAad
{
    public const int MaxLength =
        18 // label
        + 3 // direction
        + 1 // separator
        + 10; // int.MaxValue in decimal

    public static int Write(PayloadDirection direction, int sequence, Span<byte> destination)
    {
        Debug.Assert(sequence >= 0);
        Debug.Assert(destination.Length >= MaxLength);

        "tigress-mailbox/1 "u8.CopyTo(destination);
        var written = 18;
        var dir = direction == PayloadDirection.InitiatorToRecipient ? "i2r"u8 : "r2i"u8;
        dir.CopyTo(destination[written..]);
        written += dir.Length;
        destination[written++] = (byte)' ';
        var formatted = Utf8Formatter.TryFormat(sequence, destination[written..], out var digits);
        Debug.Assert(formatted);
        return written + digits;
    }
}

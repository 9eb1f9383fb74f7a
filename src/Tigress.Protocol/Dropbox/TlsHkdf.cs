using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

//
//  HKDF-Expand-Label (RFC 8446 section 7.1), as the dropbox key schedule uses it
//
//      HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
//
//      struct {
//          uint16 length = Length;
//          opaque label<7..255> = "tls13 " + Label;
//          opaque context<0..255> = Context;
//      } HkdfLabel;
//
//      | Parameter | Size                                  | Dropbox use                              |
//      | --------- | ------------------------------------- | ---------------------------------------- |
//      | Secret    | any; RFC 5869 asks for >= Nh          | R (32 bytes), used directly as the PRK   |
//      | Label     | 1..249 bytes (prefix makes it 7..255) | "Location", "Key"                        |
//      | Context   | 0..255 bytes                          | Hash(T_i), Nh bytes                      |
//      | Length    | 0..min(65535, 255 * Nh)               | 32 for a location, Nh for a key          |
//
//  HKDF-Expand (RFC 5869 section 2.3) is written out over HMAC here: the base class library's HKDF.Expand
//  refuses a PRK shorter than the hash, and the dropbox feeds the 32-byte R to SHA-384 under suite 0x1302.
//

/// <summary>TLS 1.3's HKDF-Expand-Label and the HMAC-based HKDF-Expand underneath it.</summary>
internal static class TlsHkdf
{
    /// <summary>The longest label the caller may pass: the wire limit of 255 minus the "tls13 " prefix.</summary>
    public const int MaxLabelLength = 255 - 6;

    /// <summary>The longest context an HkdfLabel can carry.</summary>
    public const int MaxContextLength = 255;

    private const int MaxHashLength = 64;

    private static ReadOnlySpan<byte> LabelPrefix => "tls13 "u8;

    /// <summary>Fills <paramref name="output"/> with HKDF-Expand-Label(secret, label, context, output.Length).</summary>
    public static void ExpandLabel(HashAlgorithmName hashAlgorithm, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> output)
    {
        if (label.IsEmpty || label.Length > MaxLabelLength)
        {
            throw Error.Argument_Invalid(nameof(label), $"A label is 1 to {MaxLabelLength} bytes.");
        }

        if (context.Length > MaxContextLength)
        {
            throw Error.Argument_Invalid(nameof(context), $"A context is at most {MaxContextLength} bytes.");
        }

        if (output.Length > ushort.MaxValue)
        {
            throw Error.Argument_Invalid(nameof(output), "HKDF-Expand-Label writes at most 65535 bytes.");
        }

        // At most 2 + 1 + 255 + 1 + 255 = 514 bytes: always fine on the stack.
        Span<byte> hkdfLabel = stackalloc byte[GetHkdfLabelLength(label.Length, context.Length)];
        int written = WriteHkdfLabel(output.Length, label, context, hkdfLabel);
        Debug.Assert(written == hkdfLabel.Length);

        Expand(hashAlgorithm, secret, hkdfLabel, output);
    }

    /// <summary>The encoded size of an HkdfLabel with a label and context of the given lengths.</summary>
    public static int GetHkdfLabelLength(int labelLength, int contextLength) =>
        sizeof(ushort)                                      // uint16 length
        + sizeof(byte) + LabelPrefix.Length + labelLength   // opaque label<7..255>, "tls13 " + Label
        + sizeof(byte) + contextLength;                     // opaque context<0..255>

    /// <summary>Writes the HkdfLabel structure (the HKDF info) and returns its length.</summary>
    public static int WriteHkdfLabel(int length, ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        Debug.Assert(length is >= 0 and <= ushort.MaxValue);
        Debug.Assert(label.Length is > 0 and <= MaxLabelLength);
        Debug.Assert(context.Length <= MaxContextLength);

        int total = GetHkdfLabelLength(label.Length, context.Length);
        if (destination.Length < total)
        {
            throw Error.Argument_TooShort(nameof(destination), total);
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)length);
        int offset = sizeof(ushort);

        destination[offset++] = (byte)(LabelPrefix.Length + label.Length);
        LabelPrefix.CopyTo(destination[offset..]);
        offset += LabelPrefix.Length;
        label.CopyTo(destination[offset..]);
        offset += label.Length;

        destination[offset++] = (byte)context.Length;
        context.CopyTo(destination[offset..]);
        offset += context.Length;

        Debug.Assert(offset == total);
        return offset;
    }

    /// <summary>
    /// HKDF-Expand (RFC 5869 section 2.3): T(n) = HMAC(PRK, T(n-1) || info || n), output the first bytes of
    /// T(1) || T(2) || .... Accepts a PRK of any non-zero length.
    /// </summary>
    public static void Expand(HashAlgorithmName hashAlgorithm, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output)
    {
        if (prk.IsEmpty)
        {
            throw Error.Argument_Invalid(nameof(prk), "The pseudorandom key must not be empty.");
        }

        using var hmac = IncrementalHash.CreateHMAC(hashAlgorithm, prk);
        int hashLength = hmac.HashLengthInBytes;
        Debug.Assert(hashLength <= MaxHashLength);
        if (output.Length > 255 * hashLength)
        {
            throw Error.Argument_Invalid(nameof(output), $"HKDF-Expand writes at most {255 * hashLength} bytes with {hashAlgorithm.Name}.");
        }

        Span<byte> block = stackalloc byte[MaxHashLength];
        block = block[..hashLength];
        try
        {
            int written = 0;
            for (int counter = 1; written < output.Length; counter++)
            {
                if (counter > 1)
                {
                    hmac.AppendData(block);
                }

                hmac.AppendData(info);
                byte counterByte = (byte)counter;
                hmac.AppendData(new ReadOnlySpan<byte>(in counterByte));
                hmac.GetHashAndReset(block);

                int take = Math.Min(hashLength, output.Length - written);
                block[..take].CopyTo(output[written..]);
                written += take;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }
}

using System.Buffers;
using System.Security.Cryptography;

namespace Tigress.Relay.Mailboxes;

/// <summary>Mailbox ids (docs/protocol.md section 7.10): UUID version 4 with all 122 free bits from the operating system's CSPRNG.</summary>
internal static class MailboxIds
{
    /// <summary>The route constraint that admits a mailbox id only in its canonical spelling.</summary>
    public const string RouteConstraint = "mailboxid";

    private const int CanonicalLength = 36;

    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    public static Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// Parses an id in the one spelling the relay hands out, lower-case 8-4-4-4-12 hex. Any other spelling of the
    /// same UUID (upper case, braces, no hyphens) is refused, so one mailbox has exactly one URL.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Guid id)
    {
        id = default;
        if (text.Length != CanonicalLength)
        {
            return false;
        }

        for (var i = 0; i < CanonicalLength; i++)
        {
            var hyphen = i is 8 or 13 or 18 or 23;
            if (hyphen ? text[i] != '-' : !s_lowerHex.Contains(text[i]))
            {
                return false;
            }
        }

        return Guid.TryParseExact(text, "D", out id);
    }
}

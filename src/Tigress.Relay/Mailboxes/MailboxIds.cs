using System.Security.Cryptography;

namespace Tigress.Relay.Mailboxes;

/// <summary>Mailbox ids (profile P6): UUID version 4 with all 122 free bits from the operating system's CSPRNG.</summary>
internal static class MailboxIds
{
    public static Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}

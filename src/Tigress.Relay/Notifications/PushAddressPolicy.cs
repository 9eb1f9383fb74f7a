using System.Net;
using System.Net.Sockets;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Which addresses the relay may post push messages to: public unicast addresses only, so a push endpoint cannot
/// make the relay reach its own machine, its private network or a cloud metadata service. Loopback is allowed only
/// for tests (<see cref="PushOptions.AllowLoopback"/>).
/// </summary>
internal sealed class PushAddressPolicy(bool allowLoopback)
{
    public bool AllowLoopback { get; } = allowLoopback;

    /// <summary>Whether a push message may be sent to this address.</summary>
    public bool Allows(IPAddress address) => IsPublic(address) || (AllowLoopback && IsLoopback(address));

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>Public unicast: not loopback, private, shared (CGNAT), link-local, multicast, reserved or documentation space.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var length))
        {
            return false;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when length == 4 => IsPublicV4(b[..4]),
            AddressFamily.InterNetworkV6 when length == 16 => IsPublicV6(b[..16]),
            _ => false,
        };
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] == 0                                       // 0.0.0.0/8 "this network", unspecified
        || b[0] == 10                                   // 10/8 private
        || b[0] == 127                                  // 127/8 loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)         // 100.64/10 shared address space (CGNAT)
        || (b[0] == 169 && b[1] == 254)                 // 169.254/16 link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)         // 172.16/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // 192.0.0/24 protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)      // 192.0.2/24 documentation
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)    // 192.88.99/24 6to4 relay anycast
        || (b[0] == 192 && b[1] == 168)                 // 192.168/16 private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)         // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)   // 198.51.100/24 documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)    // 203.0.113/24 documentation
        || b[0] >= 224);                                // 224/4 multicast, 240/4 reserved, broadcast

    private static bool IsPublicV6(ReadOnlySpan<byte> b)
    {
        // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible form.
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they embed.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        return !(
            (b[0] & 0xFE) == 0xFC                                       // fc00::/7 unique local
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)                  // fe80::/10 link-local
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)                  // fec0::/10 site-local (deprecated)
            || b[0] == 0xFF                                             // ff00::/8 multicast
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // rest of 64:ff9b::/32, local NAT64
            || (b[0] == 0x01 && b[1] == 0x00 && b[2..8].IndexOfAnyExcept((byte)0) < 0) // 100::/64 discard
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) // 2001::/32 Teredo tunnels
            || (b[0] & 0xE0) != 0x20);                                  // outside 2000::/3, nothing is allocated
    }
}

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
    // Code points whose UTS #46 mapping is a different spelling (NFKC compatibility forms) or nothing (ignored).
    private static readonly (int First, int Last)[] s_compatibilityRanges =
    [
        (0x00AA, 0x00AA), (0x00AD, 0x00AD), (0x00B2, 0x00B3), (0x00B9, 0x00BA), // ª, soft hyphen, ² ³ ¹ º
        (0x0132, 0x0133), (0x013F, 0x0140), (0x017F, 0x017F), (0x01C4, 0x01CC), (0x01F1, 0x01F3), // Ĳ Ŀ ſ Ǆ Ǳ
        (0x02B0, 0x02B8), (0x02E0, 0x02E4), (0x034F, 0x034F), (0x180B, 0x180F), // modifier letters, ignorables
        (0x1D2C, 0x1D6A), (0x1D78, 0x1D78), (0x1D9B, 0x1DBF),                   // phonetic superscripts
        (0x200B, 0x200D), (0x2060, 0x2064), (0x2070, 0x209F),                   // zero widths, super/subscripts
        (0x2100, 0x218F), (0x2460, 0x24FF), (0x2C7C, 0x2C7D),                   // letterlike, roman, enclosed
        (0x3200, 0x33FF), (0xA69C, 0xA69D), (0xA770, 0xA770),                   // squared abbreviations
        (0xA7F2, 0xA7F4), (0xA7F8, 0xA7F9), (0xAB5C, 0xAB5F), (0xAB69, 0xAB69),
        (0xFB00, 0xFB06), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFF00, 0xFFEF), // ligatures, selectors, full width
        (0x1BCA0, 0x1BCA3), (0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF),             // mathematical, enclosed
        (0x1FBF0, 0x1FBF9), (0xE0000, 0xE0FFF),                                 // segmented digits, tags
    ];

    public bool AllowLoopback { get; } = allowLoopback;

    /// <summary>Whether a push message may be sent to this address.</summary>
    public bool Allows(IPAddress address) => IsPublic(address) || (AllowLoopback && IsLoopback(address));

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// A URL's host in the spelling a resolver sees: IDNA-encoded (<see cref="Uri.IdnHost"/>, which always turns
    /// ideographic and full-width dots into '.'), lower case, without a trailing dot or IPv6 brackets.
    /// </summary>
    public static string CanonicalHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);

        // The spelling the relay's own HTTP client connects to; "localhost." and "localhost" are one host.
        var host = uri.IdnHost.ToLowerInvariant();
        return host.Length > 1 && host[^1] == '.' ? host[..^1] : host;
    }

    /// <summary>
    /// Whether the URL's host is, without resolving any name, known not to be public: a loopback name
    /// (<c>localhost</c>, <c>*.localhost</c>) or an address literal outside public unicast, in any spelling.
    /// </summary>
    public static bool NamesNonPublicHost(Uri uri) =>
        ClassifyHost(uri) is HostKind.LoopbackName or HostKind.LoopbackAddress or HostKind.NonPublicAddress or HostKind.CompatibilityForm;

    /// <summary>What the host of a URL names, as far as can be told without resolving it.</summary>
    public static HostKind ClassifyHost(Uri uri)
    {
        if (HasCompatibilityCharacters(uri.Host))
        {
            return HostKind.CompatibilityForm;
        }

        var host = CanonicalHost(uri);
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return HostKind.LoopbackName;
        }

        // A name whose mapped spelling is an address (127。0。0。1) is that address to the resolver.
        if (IPAddress.TryParse(host, out var address))
        {
            return IsLoopback(address) ? HostKind.LoopbackAddress
                : IsPublic(address) ? HostKind.PublicAddress
                : HostKind.NonPublicAddress;
        }

        return HostKind.Name;
    }

    /// <summary>
    /// Whether a host holds characters that IDNA (UTS #46) maps to other characters, mostly ASCII, or drops:
    /// full-width forms, enclosed and mathematical letters and digits, super- and subscripts, letterlike symbols,
    /// roman numerals, squared abbreviations, ligatures, and the invisible characters it ignores. The relay runs
    /// with invariant globalization, where <see cref="System.Globalization.IdnMapping"/> only punycode-encodes and
    /// maps none of them, while a browser or another resolver maps <c>①②⑦.0.0.1</c> to <c>127.0.0.1</c>.
    /// </summary>
    public static bool HasCompatibilityCharacters(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var rune in host.EnumerateRunes())
        {
            if (rune.Value < 0x80)
            {
                continue;
            }

            foreach (var (first, last) in s_compatibilityRanges)
            {
                if (rune.Value >= first && rune.Value <= last)
                {
                    return true;
                }
            }
        }

        return false;
    }

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
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x02 && b[4] == 0x00 && b[5] == 0x00) // 2001:2::/48 benchmarking
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && (b[3] & 0xF0) == 0x10) // 2001:10::/28 ORCHID
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && (b[3] & 0xF0) == 0x20) // 2001:20::/28 ORCHIDv2
            || (b[0] & 0xE0) != 0x20);                                  // outside 2000::/3, nothing is allocated
    }
}

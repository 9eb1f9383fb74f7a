using System.Net;
using System.Net.Sockets;

namespace Tigress.Relay.RateLimiting;

/// <summary>
/// Who counts as one client for the rate limits and the concurrency caps: an IPv4 address, or the /64 network of an
/// IPv6 address (one host is usually given a whole /64, so its single addresses cost it nothing). An IPv4-mapped IPv6
/// address (<c>::ffff:a.b.c.d</c>, as a dual-stack socket reports IPv4 peers) is that IPv4 address. The key lives in
/// memory only; nothing logs or stores it.
/// </summary>
internal static class ClientKey
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return string.Empty;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}

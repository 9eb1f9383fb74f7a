using System.Net;
using Microsoft.AspNetCore.Http;

namespace Tigress.Relay.RateLimiting;

/// <summary>
/// The address the rate limits count a request against: the peer, or, when the peer is a trusted proxy, the last
/// address in <c>X-Forwarded-For</c> that is not itself a trusted proxy. Read for the limits only; the request's
/// <c>RemoteIpAddress</c> stays the peer, so no other part of the relay believes the header.
/// </summary>
internal sealed class ForwardedClient(IEnumerable<string> trustedProxies)
{
    private const string Header = "X-Forwarded-For";

    private readonly IPNetwork[] _trusted = [.. trustedProxies.Select(proxy => IPNetwork.Parse(proxy))];

    public IPAddress? AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (_trusted.Length == 0 || address is null || !IsTrusted(address))
        {
            return address;
        }

        // Each proxy appends the address it received from; walk back from the nearest until one is not ours.
        var forwarded = context.Request.Headers[Header];
        for (var value = forwarded.Count - 1; value >= 0; value--)
        {
            var hops = (forwarded[value] ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var hop = hops.Length - 1; hop >= 0; hop--)
            {
                if (!IPAddress.TryParse(hops[hop], out var forwardedAddress))
                {
                    // Garbage from beyond the proxy: count the request against the last address that parsed.
                    return address;
                }

                address = forwardedAddress;
                if (!IsTrusted(address))
                {
                    return address;
                }
            }
        }

        return address;
    }

    private bool IsTrusted(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _trusted)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}

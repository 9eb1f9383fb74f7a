using System.Net;
using System.Net.Sockets;
using Tigress.Relay.Notifications;

namespace Tigress.Testing;

/// <summary>
/// Resolves push endpoint names from a fixed table instead of DNS, so tests never ask a name server anything.
/// A name missing from the table does not exist.
/// </summary>
public sealed class TestPushNames : IPushAddressResolver
{
    private readonly Dictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["localhost"] = [IPAddress.Loopback],
    };

    /// <summary>Makes <paramref name="host"/> resolve to <paramref name="addresses"/>.</summary>
    public TestPushNames Add(string host, params IPAddress[] addresses)
    {
        lock (_names)
        {
            _names[host] = addresses;
        }

        return this;
    }

    Task<IPAddress[]> IPushAddressResolver.ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lock (_names)
        {
            return _names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }
    }
}

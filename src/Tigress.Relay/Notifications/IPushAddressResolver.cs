using System.Net;

namespace Tigress.Relay.Notifications;

/// <summary>Resolves a push endpoint's host name to addresses; every one of them is checked before the relay connects.</summary>
internal interface IPushAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Resolves with the system resolver.</summary>
internal sealed class DnsPushAddressResolver : IPushAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

using System.Net;
using System.Net.Sockets;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Keeps push delivery from becoming server-side request forgery. At registration it refuses endpoints that are
/// not https or that name a non-public address outright; at delivery it resolves the host, checks every address,
/// and connects to a checked address itself, so a DNS answer that changes between check and connect (rebinding)
/// cannot redirect the request. The client never follows redirects and never uses a proxy.
/// </summary>
internal sealed class PushEndpointGuard(PushAddressPolicy policy, IPushAddressResolver resolver, IPushConnectFilter filter)
{
    public const int MaxEndpointLength = 2048;

    public PushAddressPolicy Policy { get; } = policy;

    /// <summary>Checks an endpoint's form when a client registers it; the reason never repeats the endpoint.</summary>
    public bool TryCheckEndpoint(string? endpoint, out Uri? uri, out string? reason)
    {
        uri = null;
        reason = null;
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxEndpointLength
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            reason = $"endpoint must be an absolute https URL of at most {MaxEndpointLength} characters.";
            return false;
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            reason = "endpoint must not carry user information or a fragment.";
            return false;
        }

        // Judge the host as the resolver will see it: localhost., 127。0。0。1 and ①②⑦.0.0.1 are all loopback.
        var host = PushAddressPolicy.ClassifyHost(parsed);
        if (host == HostKind.CompatibilityForm)
        {
            reason = "endpoint's host must be spelled plainly, without full-width, enclosed, mathematical or other compatibility characters.";
            return false;
        }

        var loopback = host is HostKind.LoopbackName or HostKind.LoopbackAddress;
        var scheme = parsed.Scheme;
        if (scheme != Uri.UriSchemeHttps && !(scheme == Uri.UriSchemeHttp && loopback && Policy.AllowLoopback))
        {
            reason = "endpoint must be an https URL.";
            return false;
        }

        if (parsed.Port == 0)
        {
            reason = "endpoint must not use port 0.";
            return false;
        }

        // Names are resolved and checked at delivery; literal addresses and loopback names can be refused now.
        if (host == HostKind.NonPublicAddress || (loopback && !Policy.AllowLoopback))
        {
            reason = "endpoint must be on a public address.";
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of the push client.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var request = context.InitialRequestMessage.RequestUri;
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new PushEndpointRefusedException("The push endpoint's host has no address.");
        }

        // Every address must pass, not just the first: a name with one private address among public ones is refused.
        foreach (var address in addresses)
        {
            var plainHttpRefused = request?.Scheme != Uri.UriSchemeHttps && !(Policy.AllowLoopback && PushAddressPolicy.IsLoopback(address));
            if (!Policy.Allows(address) || !filter.Allows(address) || plainHttpRefused)
            {
                throw new PushEndpointRefusedException();
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // An unknown name is a dead endpoint, not a reason to retry.
            throw new PushEndpointRefusedException("The push endpoint's host does not resolve.");
        }
    }
}

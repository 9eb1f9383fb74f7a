using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Tigress.Relay.Hosting;

/// <summary>The relay's public base URL (docs/protocol.md section 7.10): configured, or else the first address Kestrel listens on.</summary>
internal sealed class RelayUrls(IOptions<RelayOptions> options, IServer server)
{
    private string? _base;

    /// <summary>The base URL without a trailing slash.</summary>
    public string PublicBase => _base ??= Resolve();

    /// <summary>The path of the public base URL without a trailing slash: empty, or a prefix such as <c>/tigress</c>.</summary>
    public string PublicPath => new Uri(PublicBase + "/").AbsolutePath.TrimEnd('/');

    public string MailboxLink(Guid mailboxId) => $"{PublicBase}/v1/m/{mailboxId:D}";

    private string Resolve()
    {
        if (options.Value.PublicUrl is { } configured)
        {
            return configured.TrimEnd('/');
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return listening?.TrimEnd('/') ?? "http://127.0.0.1";
    }
}

using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tigress.Protocol.Wire;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Web;

/// <summary>
/// CORS for browser apps on other origins (<see cref="RelayOptions.CorsOrigins"/>): off unless origins are listed.
/// No credentials: the claim header is the only credential, and browsers send no cookies to the relay.
/// </summary>
internal static class CrossOrigin
{
    public const string PolicyName = "Tigress.Mailbox";

    public static void AddPolicy(IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<RelayOptions>>((cors, relay) =>
            cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins([.. relay.Value.CorsOrigins.Select(o => o.TrimEnd('/'))])
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders(
                    "Content-Type", MailboxHeaderNames.RequestId, MailboxHeaderNames.DeviceClaim, MailboxHeaderNames.DeviceAttestation,
                    MailboxHeaderNames.Prefer, MailboxHeaderNames.IfNoneMatch, MailboxHeaderNames.LastEventId)
                .WithExposedHeaders(MailboxHeaderNames.ETag, MailboxHeaderNames.RequestId, MailboxHeaderNames.RetryAfter)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }

    /// <summary>Is this an origin: http or https, a host, an optional port, and nothing else?</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value?.TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && uri.AbsolutePath == "/"
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0
        && !value!.Contains('*', StringComparison.Ordinal)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}

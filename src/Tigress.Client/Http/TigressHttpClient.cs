namespace Tigress.Client.Http;

/// <summary>The <see cref="HttpClient"/> the SDK's clients build for themselves when the caller gives none.</summary>
internal static class TigressHttpClient
{
    /// <summary>
    /// A client with its own connection pool that sends no cookies or credentials of its own and never follows a
    /// redirect: a redirect could carry a device claim, a message or a location to another server.
    /// </summary>
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        UseCookies = false,
        Credentials = null,
        PreAuthenticate = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // Above the longest wait a relay grants (60 s), so a held read is not cut short.
        Timeout = TimeSpan.FromSeconds(90),
    };
}

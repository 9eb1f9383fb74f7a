using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tigress.Client.Transfers;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Dropbox;

/// <summary>
/// Talks to the HTTP server of the dropbox binding (docs/protocol.md section 11): any server that stores a PUT body and
/// serves it back, such as a stock nginx with WebDAV, or this project's relay at <c>/d/</c>. Hand it to
/// <see cref="TransferSession"/> to share or receive through such a server.
/// </summary>
/// <remarks>
/// A request never carries ambient cookies or credentials: each transfer keeps its own cookie jar (for the relay's
/// lock), and the client this class builds for itself sends neither cookies nor credentials of its own. If you pass
/// your own <see cref="HttpClient"/>, its handler must not add them either (<c>UseCookies = false</c>, no
/// <c>Credentials</c>, no <c>Authorization</c> default header), and its timeout must exceed
/// <see cref="TransferSessionOptions.LongPollWait"/>. Plain http is refused except to a loopback address.
/// </remarks>
public sealed partial class DropboxClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;

    /// <summary>Creates a client with its own connection pool, which sends no cookies or credentials but the transfer's own
    /// and follows no redirect.</summary>
    public DropboxClient(DropboxClientOptions? options = null)
        : this(Http.TigressHttpClient.Create(), options, ownsHttp: true)
    {
    }

    /// <summary>Creates a client that sends its requests through <paramref name="httpClient"/>, which it does not dispose.</summary>
    public DropboxClient(HttpClient httpClient, DropboxClientOptions? options = null)
        : this(httpClient, options, ownsHttp: false)
    {
    }

    private DropboxClient(HttpClient httpClient, DropboxClientOptions? options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        Options = options ?? new DropboxClientOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxResponseBytes, 1024, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.InitialPollInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxPollInterval, Options.InitialPollInterval, nameof(options));
        ArgumentNullException.ThrowIfNull(Options.TimeProvider, nameof(options));
        _http = httpClient;
        _ownsHttp = ownsHttp;
        Retry = new Http.HttpRetryPolicy(Options.MaxRetries, Options.InitialRetryDelay, Options.MaxRetryDelay, Options.TimeProvider);
        _logger = (ILogger?)Options.LoggerFactory?.CreateLogger<DropboxClient>() ?? NullLogger.Instance;
    }

    internal DropboxClientOptions Options { get; }

    private Http.HttpRetryPolicy Retry { get; }

    /// <summary>
    /// Finds the dropbox base URL (the one invitations carry) for what a user typed. A URL whose path ends in
    /// <c>/d/</c> is a relay's dropbox already. Otherwise the server is asked for a relay's capability document
    /// (<c>GET {url}/v1</c>): a relay that offers the dropbox answers with <c>"dropbox": true</c>, and its base is
    /// <c>{url}/d/</c>. Any other answer means a plain HTTP server, whose base is the URL itself (with a trailing <c>/</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not absolute https (or http to a loopback address), or has a query or fragment.</exception>
    /// <exception cref="TransferException">The server cannot be reached (<see cref="TransferError.RelayUnreachable"/>), or it is
    /// a relay that does not offer the dropbox binding (<see cref="TransferError.RelayRefused"/>).</exception>
    public async Task<Uri> ResolveBaseAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        _ = RelayAddress.Create(url, "The dropbox address", nameof(url));

        var root = url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
        if (root.AbsolutePath.EndsWith("/d/", StringComparison.Ordinal))
        {
            return root;
        }

        using var response = await SendAsync(HttpMethod.Get, new Uri(root, "v1"), null, null, TimeSpan.Zero, "read the capability document", cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return root;
        }

        var body = await Http.HttpRetryPolicy.ReadBoundedAsync(response, 64 * 1024, cancellationToken).ConfigureAwait(false);
        bool? dropbox = null;
        try
        {
            using var document = body is null ? null : JsonDocument.Parse(body);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } capabilities
                && capabilities.TryGetProperty("dropbox", out var offered)
                && offered.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                dropbox = offered.GetBoolean();
            }
        }
        catch (JsonException)
        {
            // Not a capability document: a plain server that happens to serve something at v1.
        }

        return dropbox switch
        {
            true => new Uri(root, "d/"),
            false => throw new TransferException(TransferError.RelayRefused, "This relay does not offer the HTTP dropbox binding; share through its mailboxes instead."),
            null => root,
        };
    }

    /// <summary>Releases the connection pool, if this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Reads a location, holding the request open up to <paramref name="wait"/> where the server honours <c>Prefer: wait</c>.</summary>
    internal Task<DropboxResponse> GetAsync(Uri location, CookieContainer cookies, TimeSpan wait, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Get, location, cookies, null, wait, "read a message", cancellationToken);

    /// <summary>Stores a message at a location that must not hold one yet (<c>If-None-Match: *</c>).</summary>
    internal Task<DropboxResponse> PutAsync(Uri location, byte[] body, CookieContainer cookies, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Put, location, cookies, body, TimeSpan.Zero, "store a message", cancellationToken);

    /// <summary>Deletes the message at a location.</summary>
    internal Task<DropboxResponse> DeleteAsync(Uri location, CookieContainer cookies, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Delete, location, cookies, null, TimeSpan.Zero, "delete a message", cancellationToken);
}

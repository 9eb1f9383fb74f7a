using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tigress.Client.Http;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Client.Mailbox;

/// <summary>
/// A typed client for the six mailbox endpoints (docs/protocol.md section 7). Every request carries a
/// <c>Mailbox-Request-ID</c>; a request that failed for a transient reason is sent again with the same id, so a
/// lost response is recovered from the relay's record (status 201) instead of being executed twice.
/// </summary>
/// <remarks>
/// The client refuses plain http except to a loopback address. It builds its own <see cref="HttpClient"/>, or takes
/// one, for example from <c>IHttpClientFactory</c>, which it never disposes. It never follows a redirect: a
/// redirect answer fails with <see cref="MailboxError.UnexpectedResponse"/>, and so does an answer for which a handler
/// of the caller's pipeline followed one; configure such a handler with <c>AllowAutoRedirect = false</c>, since
/// it would carry the claim (and on 307/308 the message) to wherever the server points. Claims are sent only in
/// headers and are never written into exception messages.
/// </remarks>
public sealed partial class MailboxClient : IDisposable
{
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly MailboxClientOptions _options;
    private readonly HttpRetryPolicy _retry;
    private readonly RelayFailures _failures;
    private readonly ILogger _logger;

    /// <summary>Creates a client with its own connection pool, which sends no cookies or credentials and follows no redirect.</summary>
    public MailboxClient(MailboxClientOptions? options = null)
        : this(TigressHttpClient.Create(), options, ownsHttp: true)
    {
    }

    /// <summary>Creates a client that sends its requests through <paramref name="httpClient"/>, which it does not dispose.</summary>
    public MailboxClient(HttpClient httpClient, MailboxClientOptions? options = null)
        : this(httpClient, options, ownsHttp: false)
    {
    }

    private MailboxClient(HttpClient httpClient, MailboxClientOptions? options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _ownsHttp = ownsHttp;
        _options = options ?? new MailboxClientOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxResponseBytes, 1024, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.EventStreamIdleTimeout, TimeSpan.Zero, nameof(options));
        _retry = new HttpRetryPolicy(_options.MaxRetries, _options.InitialRetryDelay, _options.MaxRetryDelay, _options.TimeProvider);
        _failures = new RelayFailures(_options.ResponseTimeout);
        _logger = (ILogger?)_options.LoggerFactory?.CreateLogger<MailboxClient>() ?? NullLogger.Instance;
    }

    internal ILoggerFactory? LoggerFactory => _options.LoggerFactory;

    /// <summary>CreateMailbox: <c>POST {relay}/v1/m</c> with the initiator's claim.</summary>
    /// <param name="relayUri">The relay's base URL, such as <c>https://relay.example/</c>.</param>
    /// <param name="claim">The initiator's device claim, a secret it keeps for the life of the transfer.</param>
    /// <param name="request">The preview, the first sealed message and the settings.</param>
    /// <param name="requestId">The request id; keep it with your state to retry after a crash. A fresh one when null.</param>
    /// <param name="cancellationToken">Cancels the request and its retries.</param>
    /// <exception cref="MailboxException">The relay refused the request or could not be reached.</exception>
    public async Task<CreateMailboxResult> CreateAsync(
        Uri relayUri,
        Guid claim,
        CreateMailboxRequest request,
        Guid? requestId = null,
        CancellationToken cancellationToken = default)
    {
        CheckRelayUri(relayUri);
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = new Uri(WithTrailingSlash(relayUri), "v1/m");
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new CreateMailboxRequestMessage
            {
                DisplayInformation = DisplayInformationMessage.From(request.DisplayInformation),
                Payload = PayloadMessage.From(request.Payload),
                NotificationToken = ToMessage(request.NotificationToken),
                MailboxConfiguration = request.RecipientRights is null && request.Expiration is null
                    ? null
                    : new MailboxConfigurationMessage
                    {
                        AccessRights = request.RecipientRights is { } rights ? AccessRightLetters.Format(rights) : null,
                        Expiration = request.Expiration?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    },
                PinProtection = request.PinProtection is { } pin
                    ? new PinProtectionMessage
                    {
                        OprfKey = Base64Url.EncodeToString(pin.OprfKey.Span),
                        Verifier = Base64Url.EncodeToString(pin.Verifier.Span),
                        Guesses = pin.Guesses,
                    }
                    : null,
            },
            WireJsonContext.Default.CreateMailboxRequestMessage);

        var response = await SendAsync(HttpMethod.Post, endpoint, claim, body, requestId ?? Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "create the mailbox");
        var message = Deserialize(response.Body, WireJsonContext.Default.CreateMailboxResponseMessage);
        if (message?.UrlLink is null
            || !Uri.TryCreate(message.UrlLink, UriKind.Absolute, out var mailboxUri)
            || !ShareUrl.IsMailboxUri(mailboxUri))
        {
            throw new MailboxException(
                MailboxError.UnexpectedResponse,
                "The relay's answer to create did not hold a usable mailbox link (an https URL ending in /v1/m/{id}).",
                response.StatusCode);
        }

        // Every later request carries the device claim, and the link goes to the recipient: both only to the relay
        // this client was given, never to wherever its answer points.
        if (!IsUnder(relayUri, mailboxUri))
        {
            throw new MailboxException(
                MailboxError.UnexpectedResponse,
                $"The relay's answer to create put the mailbox at another address ({DisplayText.ToLine(mailboxUri.GetLeftPart(UriPartial.Authority), 100)}) than the relay's own ({DisplayText.ToLine(relayUri.GetLeftPart(UriPartial.Authority), 100)}): this client sends a device claim only to the relay it was given. If the relay runs behind a proxy, give the address it announces (its Relay:PublicUrl).",
                response.StatusCode);
        }

        return new CreateMailboxResult(mailboxUri, message.IsPushNotificationSupported, response.IsReplay);
    }

    /// <summary>GetCapabilities: <c>GET {relay}/v1</c>, the relay's limits and what it offers.</summary>
    /// <param name="relayUri">The relay's base URL, such as <c>https://relay.example/</c>.</param>
    /// <param name="cancellationToken">Cancels the request and its retries.</param>
    /// <exception cref="MailboxException">The relay refused the request, could not be reached, or answered with
    /// something that is not a capability document (<see cref="MailboxError.UnexpectedResponse"/>).</exception>
    public async Task<Capabilities.RelayCapabilities> GetCapabilitiesAsync(Uri relayUri, CancellationToken cancellationToken = default)
    {
        CheckRelayUri(relayUri);
        var response = await SendAsync(HttpMethod.Get, new Uri(WithTrailingSlash(relayUri), "v1"), null, null, Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken)
            .ConfigureAwait(false);
        EnsureSuccess(response, "read the relay's capabilities");
        return Capabilities.RelayCapabilities.Parse(response.Body)
            ?? throw new MailboxException(MailboxError.UnexpectedResponse, "The relay's capability document is not a JSON object: is it a Tigress relay?", response.StatusCode);
    }

    /// <summary>ReadSecureContentFromMailbox: <c>POST {mailbox}</c>. The first read with a new claim binds it as the
    /// recipient (first claim wins); every read returns the latest message the other side wrote.</summary>
    /// <exception cref="MailboxException">The relay refused the read (for example
    /// <see cref="MailboxError.WrongClaim"/> when another device has claimed the mailbox) or could not be reached.</exception>
    /// <exception cref="TigressProtocolException">The relay's answer is not a well-formed read response.</exception>
    public async Task<MailboxReadResult> ReadAsync(
        Uri mailboxUri,
        Guid claim,
        MailboxReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        CheckMailboxUri(mailboxUri);
        options ??= new MailboxReadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Wait, TimeSpan.Zero, nameof(options));
        var body = options.NotificationToken is null && options.PinProof.IsEmpty
            ? null
            : JsonSerializer.SerializeToUtf8Bytes(
                new ReadMailboxRequestMessage
                {
                    NotificationToken = ToMessage(options.NotificationToken),
                    PinProof = options.PinProof.IsEmpty ? null : Base64Url.EncodeToString(options.PinProof.Span),
                },
                WireJsonContext.Default.ReadMailboxRequestMessage);
        // The relay caps a wait at its maxWaitSeconds (60 by default): asking for more would only stretch this
        // client's deadline past the relay's answer.
        var wait = options.Wait < s_longestWait ? options.Wait : s_longestWait;
        var prefer = PreferWait.Format(wait);

        var response = await SendAsync(
            HttpMethod.Post,
            mailboxUri,
            claim,
            body,
            options.RequestId ?? Guid.NewGuid(),
            request =>
            {
                if (options.IfNoneMatch is { Length: > 0 } etag)
                {
                    request.Headers.TryAddWithoutValidation(MailboxHeaderNames.IfNoneMatch, etag);
                }

                if (prefer is not null)
                {
                    request.Headers.TryAddWithoutValidation(MailboxHeaderNames.Prefer, prefer);
                }
            },
            TimeSpan.FromSeconds(PreferWait.ToSeconds(wait)),
            cancellationToken).ConfigureAwait(false);

        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent:
                return new MailboxReadResult(MailboxReadStatus.NoMessage);
            case HttpStatusCode.NotModified:
                return new MailboxReadResult(MailboxReadStatus.NotModified, etag: response.ETag);
            case HttpStatusCode.Created when response.Body.Length == 0:
                // A replay of a read whose first answer had no body: nothing to hand back.
                return new MailboxReadResult(MailboxReadStatus.NoMessage, isReplay: true);
        }

        EnsureSuccess(response, "read the mailbox");
        ReadMailboxResponseMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(response.Body, WireJsonContext.Default.ReadMailboxResponseMessage);
        }
        catch (JsonException exception)
        {
            throw new TigressProtocolException(ProtocolErrorCodes.MalformedMessage, "The relay's read answer is not valid JSON.", exception);
        }

        if (message?.Payload is null)
        {
            throw new TigressProtocolException(ProtocolErrorCodes.MalformedMessage, "The relay's read answer holds no payload.");
        }

        DateTimeOffset? expiration = DateTimeOffset.TryParse(
            message.Expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
        return new MailboxReadResult(
            MailboxReadStatus.Message,
            message.DisplayInformation?.ToDisplayInformation(),
            message.Payload.ToSecurePayload(),
            expiration,
            response.ETag,
            response.IsReplay);
    }

    /// <summary>UpdateMailbox: <c>PUT {mailbox}</c>, replacing this side's slot with <paramref name="payload"/>.</summary>
    /// <exception cref="MailboxException">The relay refused the write or could not be reached.</exception>
    public async Task UpdateAsync(
        Uri mailboxUri,
        Guid claim,
        SecurePayload payload,
        Guid? requestId = null,
        CancellationToken cancellationToken = default)
    {
        CheckMailboxUri(mailboxUri);
        ArgumentNullException.ThrowIfNull(payload);
        var body = JsonSerializer.SerializeToUtf8Bytes(new UpdateMailboxRequestMessage { Payload = PayloadMessage.From(payload) }, WireJsonContext.Default.UpdateMailboxRequestMessage);
        var response = await SendAsync(HttpMethod.Put, mailboxUri, claim, body, requestId ?? Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "write to the mailbox");
    }

    /// <summary>DeleteMailbox: <c>DELETE {mailbox}</c>, by the initiator or a recipient with the right D.</summary>
    /// <exception cref="MailboxException">The relay refused the delete or could not be reached.</exception>
    public async Task DeleteAsync(Uri mailboxUri, Guid claim, Guid? requestId = null, CancellationToken cancellationToken = default)
    {
        CheckMailboxUri(mailboxUri);
        var response = await SendAsync(HttpMethod.Delete, mailboxUri, claim, null, requestId ?? Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "delete the mailbox");
    }

    /// <summary>RelinquishMailbox: <c>PATCH {mailbox}</c>; the bound recipient lets go, so another device may claim.</summary>
    /// <exception cref="MailboxException">The relay refused the request or could not be reached.</exception>
    public async Task RelinquishAsync(Uri mailboxUri, Guid claim, Guid? requestId = null, CancellationToken cancellationToken = default)
    {
        CheckMailboxUri(mailboxUri);
        var response = await SendAsync(HttpMethod.Patch, mailboxUri, claim, null, requestId ?? Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "relinquish the mailbox");
    }

    /// <summary>The relay-assisted PIN's evaluation: <c>POST {mailbox}/pin</c> with a blinded PIN (docs/protocol.md
    /// section 12.6). It changes nothing on the relay and spends no guess.</summary>
    /// <exception cref="MailboxException">The relay refused (for example <see cref="MailboxError.PinLocked"/>) or could not be reached.</exception>
    internal async Task<PinEvaluation> EvaluatePinAsync(Uri mailboxUri, Guid claim, ReadOnlyMemory<byte> blindedElement, CancellationToken cancellationToken)
    {
        CheckMailboxUri(mailboxUri);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new EvaluatePinRequestMessage { BlindedElement = Base64Url.EncodeToString(blindedElement.Span) },
            WireJsonContext.Default.EvaluatePinRequestMessage);
        var endpoint = new Uri(mailboxUri.AbsoluteUri + "/pin");
        var response = await SendAsync(HttpMethod.Post, endpoint, claim, body, Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "check the PIN");
        var message = Deserialize(response.Body, WireJsonContext.Default.EvaluatePinResponseMessage);
        byte[]? element = null;
        if (message?.EvaluatedElement is { } encoded)
        {
            try
            {
                element = Base64Url.DecodeFromChars(encoded);
            }
            catch (FormatException)
            {
                element = null;
            }
        }

        if (element is not { Length: Protocol.Pake.P256Oprf.ElementLength } || message!.GuessesLeft < 0)
        {
            throw new MailboxException(MailboxError.UnexpectedResponse, "The relay's answer to the PIN check is not a PIN evaluation.", response.StatusCode);
        }

        return new PinEvaluation(element, message.GuessesLeft);
    }

    /// <summary>ReadDisplayInformationFromMailbox: <c>GET {mailbox}</c>, the public preview page as HTML.</summary>
    /// <exception cref="MailboxException">The relay refused the request or could not be reached.</exception>
    public async Task<string> GetPreviewAsync(Uri mailboxUri, CancellationToken cancellationToken = default)
    {
        CheckMailboxUri(mailboxUri);
        var response = await SendAsync(HttpMethod.Get, mailboxUri, null, null, Guid.NewGuid(), null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "load the preview");
        return System.Text.Encoding.UTF8.GetString(response.Body);
    }

    /// <summary>Releases the connection pool, if this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static NotificationTokenMessage? ToMessage(NotificationToken? token) =>
        token is null ? null : new NotificationTokenMessage { Type = token.Type, TokenData = token.TokenData };

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;

    private static void CheckRelayUri(Uri relayUri)
    {
        ArgumentNullException.ThrowIfNull(relayUri);
        _ = RelayAddress.Create(relayUri, "The relay address", nameof(relayUri));
    }

    /// <summary>Whether <paramref name="mailboxUri"/> is a mailbox of the relay at <paramref name="relayUri"/>: same scheme,
    /// host and port, and the relay's path followed by <c>v1/m/{id}</c>.</summary>
    private static bool IsUnder(Uri relayUri, Uri mailboxUri)
    {
        var expected = new Uri(WithTrailingSlash(relayUri), "v1/m/" + mailboxUri.Segments[^1]);
        return Uri.Compare(expected, mailboxUri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.Equals(expected.AbsolutePath, mailboxUri.AbsolutePath, StringComparison.Ordinal);
    }

    private static void CheckMailboxUri(Uri mailboxUri)
    {
        ArgumentNullException.ThrowIfNull(mailboxUri);
        if (!ShareUrl.IsMailboxUri(mailboxUri))
        {
            throw new ArgumentException(
                "The mailbox address must be an absolute https URL (plain http only to a loopback address) ending in /v1/m/{id}, without query or fragment.",
                nameof(mailboxUri));
        }
    }

    private static T? Deserialize<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return body.Length == 0 ? default : JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

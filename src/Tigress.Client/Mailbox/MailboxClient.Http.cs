using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tigress.Client.Diagnostics;
using Tigress.Client.Http;
using Tigress.Protocol;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Client.Mailbox;

/// <summary>The HTTP exchange: headers, retries with the same request id, bounded bodies, error mapping.</summary>
public sealed partial class MailboxClient
{
    // Room for a relay's sentence, not for a page.
    private const int MaxProblemTextLength = 200;

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private Task<RawResponse> SendAsync(
        HttpMethod method,
        Uri uri,
        Guid? claim,
        byte[]? body,
        Guid requestId,
        Action<HttpRequestMessage>? configure,
        TimeSpan wait,
        CancellationToken cancellationToken)
    {
        return SendCoreAsync();

        async Task<RawResponse> SendCoreAsync()
        {
            using var operation = new RequestTelemetry(_logger, "mailbox", method, _options.TimeProvider);
            return await RetryingSend.SendAsync(_http, _retry, _options.ResponseTimeout, operation, CreateRequest, wait, ReadAsync, _failures, cancellationToken)
                .ConfigureAwait(false);
        }

        // Every attempt carries the same request id, so the relay executes the request at most once and answers a
        // repeat from its record.
        HttpRequestMessage CreateRequest()
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation(MailboxHeaderNames.RequestId, requestId.ToString("D"));
            if (claim is { } value)
            {
                request.Headers.TryAddWithoutValidation(MailboxHeaderNames.DeviceClaim, value.ToString("D"));
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = s_json } };
            }

            configure?.Invoke(request);
            return request;
        }

        async Task<RawResponse> ReadAsync(HttpResponseMessage answer, CancellationToken deadline)
        {
            using var response = answer;
            var status = response.StatusCode;
            if (!EchoMatches(response, requestId))
            {
                throw new MailboxException(
                    MailboxError.UnexpectedResponse,
                    "The relay's answer names another request (its Mailbox-Request-ID is not the one sent), so it is not taken as this request's answer.",
                    status);
            }

            var content = await ReadBodyAsync(response, deadline).ConfigureAwait(false);
            return new RawResponse(status, content, response.Headers.ETag?.ToString())
            {
                RetryAfter = HttpRetryPolicy.IsTransient(status) ? _retry.RetryAfter(response) : null,
            };
        }
    }

    /// <summary>How the relay's failures read, in this client's own words.</summary>
    private sealed class RelayFailures(TimeSpan responseTimeout) : ISendFailures
    {
        public Exception Redirected(HttpStatusCode status) => new MailboxException(
            MailboxError.UnexpectedResponse,
            $"The relay answered with a redirect (HTTP {(int)status}), which this client never follows with a device claim or a message: give the relay's own address (is it a Tigress relay?).",
            status);

        public Exception SecureConnectionFailed(Exception failure) =>
            new MailboxException(MailboxError.RelayUnreachable, HttpRetryPolicy.SecureConnectionFailureMessage, innerException: failure);

        public Exception Unreachable(Exception? lastFailure) => new MailboxException(
            MailboxError.RelayUnreachable,
            HttpRetryPolicy.UnreachableMessage(lastFailure, responseTimeout, "The relay"),
            innerException: lastFailure);
    }

    // The mailbox draft has the caller match the echoed Mailbox-Request-ID against its own, so an answer a cache or
    // proxy mixed up with another request's is never taken. No echo at all is accepted: an HTTP server's own
    // refusals and an intermediary's errors carry none.
    private static bool EchoMatches(HttpResponseMessage response, Guid requestId) =>
        !response.Headers.TryGetValues(MailboxHeaderNames.RequestId, out var echoed)
        || (echoed.ToArray() is [var value] && Guid.TryParseExact(value, "D", out var id) && id == requestId);

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await HttpRetryPolicy.ReadBoundedAsync(response, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new MailboxException(MailboxError.UnexpectedResponse, "The relay's answer is larger than this client accepts.", response.StatusCode);

    private static void EnsureSuccess(RawResponse response, string action)
    {
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
        {
            return;
        }

        ProblemDetailsMessage? problem = null;
        try
        {
            problem = response.Body.Length == 0 ? null : JsonSerializer.Deserialize(response.Body, WireJsonContext.Default.ProblemDetailsMessage);
        }
        catch (JsonException)
        {
            // Not a problem document: the status code alone decides.
        }

        // The relay's own words help most (a 413 names its limit, a 400 the field), but they could carry anything,
        // even terminal control sequences: one line, bounded, no control characters, after this client's own text.
        var (error, reason) = response.StatusCode switch
        {
            HttpStatusCode.BadRequest => (MailboxError.BadRequest, "the relay found the request malformed"),
            HttpStatusCode.Unauthorized when problem?.Type is null or ProblemTypes.WrongClaim =>
                (MailboxError.WrongClaim, "this device's claim is not accepted; another device may have claimed the mailbox"),
            HttpStatusCode.Unauthorized => (MailboxError.Unauthorized, "the relay refused this device the right to do this"),
            HttpStatusCode.Forbidden when problem?.Type == ProblemTypes.WrongPin => (MailboxError.WrongPin, "the PIN is wrong"),
            HttpStatusCode.Forbidden when problem?.Type == ProblemTypes.PinLocked => (MailboxError.PinLocked, "too many wrong PINs were tried: the share is locked"),
            HttpStatusCode.Forbidden when problem?.Type == ProblemTypes.PinRequired => (MailboxError.PinRequired, "the share is protected by a PIN and no proof of it was given"),
            HttpStatusCode.NotFound => (MailboxError.NotFound, "the mailbox does not exist: it was deleted or it expired"),
            HttpStatusCode.Conflict => (MailboxError.RequestIdReused, "the request id was already used for another request"),
            HttpStatusCode.RequestEntityTooLarge => (MailboxError.PayloadTooLarge, "the message is larger than the relay accepts"),
            HttpStatusCode.TooManyRequests => (MailboxError.RateLimited, "the relay is rate limiting this client"),
            >= HttpStatusCode.InternalServerError => (MailboxError.RelayFailure, "the relay failed to handle the request"),
            _ => (MailboxError.UnexpectedResponse, "the relay answered with an unexpected status"),
        };
        var said = DisplayText.ToLine(problem?.Detail ?? problem?.Title, MaxProblemTextLength);
        var message = string.IsNullOrEmpty(said)
            ? $"Could not {action}: {reason} (HTTP {(int)response.StatusCode})."
            : $"Could not {action}: {reason} (HTTP {(int)response.StatusCode}): the relay says \"{said}\"";
        throw new MailboxException(error, message, response.StatusCode, problem?.Type)
        {
            RetryAfter = response.RetryAfter,
            GuessesLeft = error == MailboxError.WrongPin && problem?.GuessesLeft is >= 0 and var left ? left : null,
        };
    }

    private sealed record RawResponse(HttpStatusCode StatusCode, byte[] Body, string? ETag)
    {
        public TimeSpan? RetryAfter { get; init; }

        public bool IsReplay => StatusCode == HttpStatusCode.Created;
    }
}

using System.Net;

namespace Tigress.Client.Http;

/// <summary>
/// When a failed HTTP request is worth sending again, and how long to wait first: shared by the mailbox and the
/// dropbox clients, so both back off the same way.
/// </summary>
internal sealed class HttpRetryPolicy(int maxRetries, TimeSpan initialDelay, TimeSpan maxDelay, TimeProvider timeProvider)
{
    /// <summary>How many times a request is sent again after the first attempt.</summary>
    public int MaxRetries { get; } = maxRetries;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Statuses that say "not now" rather than "no": a timeout, rate limiting, a server or gateway failure.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Failures of the exchange itself, not of the caller: no connection, a broken one, or a timeout of the client or
    /// of a handler in its pipeline (such as a resilience handler's attempt timeout, or its open circuit breaker): the
    /// answer may be lost, so the request goes again. A cancellation by the caller is never one of them, nor a mistake
    /// in the request (an argument or an invalid operation), nor a failed TLS handshake, which another try repeats, nor
    /// this SDK's own verdict on an answer.
    /// </summary>
    public static bool IsTransientFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && !IsSecureConnectionFailure(exception)
        && exception is not (ArgumentException or InvalidOperationException or NotSupportedException
            or Mailbox.MailboxException or Transfers.TransferException or Protocol.TigressProtocolException);

    /// <summary>
    /// The token for one attempt: the caller's, cut once the server has taken <paramref name="responseTimeout"/> beyond the
    /// <paramref name="wait"/> the request asks it to hold. A server that accepts a request and never answers then
    /// counts as a lost answer, retried like one, instead of holding the caller for ever.
    /// </summary>
    public static CancellationTokenSource AttemptDeadline(TimeSpan responseTimeout, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(responseTimeout + wait);
        return deadline;
    }

    /// <summary>What to say when the last attempt failed: a server that never answered is not one that could not be reached.</summary>
    public static string UnreachableMessage(Exception? lastFailure, TimeSpan responseTimeout, string server) =>
        lastFailure is OperationCanceledException
            ? $"{server} accepted the connection but did not answer within {(int)responseTimeout.TotalSeconds} seconds, several times; is it a Tigress relay, and is it well?"
            : $"{server} could not be reached.";

    /// <summary>The TLS handshake failed: most often https to a port that speaks plain http, or an untrusted certificate.</summary>
    public static bool IsSecureConnectionFailure(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError };

    /// <summary>The message for <see cref="IsSecureConnectionFailure"/>, naming the likely causes.</summary>
    public const string SecureConnectionFailureMessage =
        "Could not set up a secure (https) connection: the server may speak plain http on that port, or its certificate is not trusted.";

    /// <summary>
    /// True when the answer is a redirect (3xx but 304), or when a handler of the caller's pipeline followed one. This
    /// SDK never follows a redirect: it would carry a device claim or a message to wherever the server points.
    /// </summary>
    public static bool IsRedirect(HttpResponseMessage response, Uri sent) =>
        ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
        || (response.RequestMessage?.RequestUri is { } final && final != sent);

    /// <summary>The schedule of one request's retries (see <see cref="Http.Backoff"/>).</summary>
    public Backoff Start() => new(initialDelay, maxDelay);

    /// <summary>The server's <c>Retry-After</c>, as a delay from now.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - TimeProvider.GetUtcNow() : null;
    }

    /// <summary>Reads a response body of at most <paramref name="limit"/> bytes; null if it is longer.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}

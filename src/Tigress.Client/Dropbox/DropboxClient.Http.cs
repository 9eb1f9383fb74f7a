using System.Net;
using System.Net.Http.Headers;
using Tigress.Client.Diagnostics;
using Tigress.Client.Http;
using Tigress.Client.Transfers;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Dropbox;

/// <summary>The HTTP exchange: the transfer's own cookies, retries, bounded bodies, status mapping.</summary>
public sealed partial class DropboxClient
{
    private static readonly MediaTypeHeaderValue s_octetStream = new("application/octet-stream");

    private async Task<DropboxResponse> ExchangeAsync(
        HttpMethod method,
        Uri location,
        CookieContainer cookies,
        byte[]? body,
        TimeSpan wait,
        string action,
        CancellationToken cancellationToken)
    {
        var started = Options.TimeProvider.GetTimestamp();
        using var response = await SendAsync(method, location, cookies, body, wait, action, cancellationToken).ConfigureAwait(false);
        var cookiesChanged = TakeCookies(response, location, cookies);
        var status = (method.Method, response.StatusCode) switch
        {
            ("GET" or "DELETE", HttpStatusCode.OK) => DropboxResponseStatus.Ok,
            ("DELETE", HttpStatusCode.NoContent or HttpStatusCode.Accepted) => DropboxResponseStatus.Ok,
            ("PUT", HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent) => DropboxResponseStatus.Ok,
            ("PUT", HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed) => DropboxResponseStatus.AlreadyWritten,
            (_, HttpStatusCode.NotFound or HttpStatusCode.Gone) when method != HttpMethod.Put => DropboxResponseStatus.NotFound,
            (_, HttpStatusCode.Forbidden) => DropboxResponseStatus.Locked,
            _ => throw Refused(method, response, action),
        };

        byte[]? content = null;
        if (status == DropboxResponseStatus.Ok && method == HttpMethod.Get)
        {
            content = await HttpRetryPolicy.ReadBoundedAsync(response, Options.MaxResponseBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new TransferException(TransferError.RelayRefused, "The dropbox server returned a message larger than this client accepts.");
        }

        return new DropboxResponse(status, content, cookiesChanged, Options.TimeProvider.GetElapsedTime(started));
    }

    /// <summary>Sends one request, and again with backoff while it fails for a transient reason. The caller disposes the answer.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        Uri uri,
        CookieContainer? cookies,
        byte[]? body,
        TimeSpan wait,
        string action,
        CancellationToken cancellationToken)
    {
        using var operation = new RequestTelemetry(_logger, "dropbox", method, Options.TimeProvider);
        return await RetryingSend.SendAsync(
            _http,
            Retry,
            Options.ResponseTimeout,
            operation,
            CreateRequest,
            wait,
            static (response, _) => Task.FromResult(response),
            new ServerFailures(action, Options.ResponseTimeout),
            cancellationToken).ConfigureAwait(false);

        HttpRequestMessage CreateRequest()
        {
            var request = new HttpRequestMessage(method, uri);
            if (cookies?.GetCookieHeader(uri) is { Length: > 0 } cookieHeader)
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = s_octetStream } };

                // Locations are write-once by design; a server that evaluates preconditions then refuses to overwrite.
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
            }

            if (PreferWait.Format(wait) is { } prefer)
            {
                request.Headers.TryAddWithoutValidation(MailboxHeaderNames.Prefer, prefer);
            }

            return request;
        }
    }

    /// <summary>How a dropbox server's failures read, in this client's own words, for one action.</summary>
    private sealed class ServerFailures(string action, TimeSpan responseTimeout) : ISendFailures
    {
        public Exception Redirected(HttpStatusCode status) => new TransferException(
            TransferError.RelayRefused,
            $"Could not {action}: the server answered with a redirect (HTTP {(int)status}), which this client never follows with a message; give the server's own address.");

        public Exception SecureConnectionFailed(Exception failure) =>
            new TransferException(TransferError.RelayUnreachable, HttpRetryPolicy.SecureConnectionFailureMessage, failure);

        public Exception Unreachable(Exception? lastFailure) => new TransferException(
            TransferError.RelayUnreachable,
            $"Could not {action}: " + HttpRetryPolicy.UnreachableMessage(lastFailure, responseTimeout, "the dropbox server"),
            lastFailure);
    }

    private static bool TakeCookies(HttpResponseMessage response, Uri uri, CookieContainer cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return false;
        }

        var changed = false;
        foreach (var value in values)
        {
            try
            {
                cookies.SetCookies(uri, value);
                changed = true;
            }
            catch (CookieException)
            {
                // A cookie the jar cannot hold is one this binding does not need.
            }
        }

        return changed;
    }

    private TransferException Refused(HttpMethod method, HttpResponseMessage response, string action)
    {
        var status = response.StatusCode;
        // The text is this client's own: a server's error page could hold anything and must not reach a screen.
        var reason = status switch
        {
            HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented =>
                $"the server does not allow {method.Method} there, so it is not set up as a dropbox",
            HttpStatusCode.RequestEntityTooLarge => "the message is larger than the server accepts",
            HttpStatusCode.TooManyRequests => "the server is rate limiting this client",
            HttpStatusCode.Unauthorized => "the server asks for credentials, which this binding never sends",
            >= HttpStatusCode.InternalServerError => "the server failed to handle the request",
            _ => "the server answered with an unexpected status",
        };
        var message = $"Could not {action}: {reason} (HTTP {(int)status}).";
        var refusal = new DropboxException(status, message) { RetryAfter = HttpRetryPolicy.IsTransient(status) ? Retry.RetryAfter(response) : null };
        return new TransferException(TransferError.RelayRefused, message, refusal);
    }
}

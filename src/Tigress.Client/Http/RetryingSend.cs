using System.Net;
using Tigress.Client.Diagnostics;

namespace Tigress.Client.Http;

/// <summary>
/// What one client needs to say about its server when <see cref="RetryingSend.SendAsync"/> gives up: the failures
/// are the binding's own exceptions, the loop is the same for every binding.
/// </summary>
internal interface ISendFailures
{
    /// <summary>The server answered with a redirect, which no client here follows with a claim or a message.</summary>
    Exception Redirected(HttpStatusCode status);

    /// <summary>The TLS handshake failed: retrying will not help.</summary>
    Exception SecureConnectionFailed(Exception failure);

    /// <summary>Every attempt failed for a transient reason.</summary>
    Exception Unreachable(Exception? lastFailure);
}

/// <summary>
/// One request sent, and sent again with backoff while it fails for a transient reason (a 429 or 5xx, a lost
/// connection, a timeout), for the clients of both bindings. A repeat is safe: the mailbox client repeats the same
/// request id, and the dropbox channel copes with a repeated PUT, GET or DELETE.
/// </summary>
internal static class RetryingSend
{
    /// <summary>
    /// Sends a request built anew for each attempt. The final answer (not transient, or transient after the last retry)
    /// goes to <paramref name="answered"/> inside the attempt's deadline; it owns the response from then on.
    /// </summary>
    public static async Task<T> SendAsync<T>(
        HttpClient http,
        HttpRetryPolicy retry,
        TimeSpan responseTimeout,
        RequestTelemetry operation,
        Func<HttpRequestMessage> createRequest,
        TimeSpan wait,
        Func<HttpResponseMessage, CancellationToken, Task<T>> answered,
        ISendFailures failures,
        CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        var backoff = retry.Start();
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            HttpStatusCode? transient = null;
            Exception? refusal = null;
            operation.Attempt(attempt);
            try
            {
                // A new message per attempt: HttpClient sends each once.
                using var request = createRequest();
                using var deadline = HttpRetryPolicy.AttemptDeadline(responseTimeout, wait, cancellationToken);
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                var status = response.StatusCode;
                if (HttpRetryPolicy.IsRedirect(response, request.RequestUri!))
                {
                    response.Dispose();
                    operation.Answered(status);
                    refusal = failures.Redirected(status);
                }
                else if (!HttpRetryPolicy.IsTransient(status) || attempt >= retry.MaxRetries)
                {
                    operation.Answered(status);
                    return await answered(response, deadline.Token).ConfigureAwait(false);
                }

                else
                {
                    retryAfter = retry.RetryAfter(response);
                    transient = status;
                    response.Dispose();
                }
            }
            catch (Exception exception) when (HttpRetryPolicy.IsSecureConnectionFailure(exception) && !cancellationToken.IsCancellationRequested)
            {
                operation.Failed(exception);
                throw failures.SecureConnectionFailed(exception);
            }
            catch (Exception exception) when (HttpRetryPolicy.IsTransientFailure(exception, cancellationToken))
            {
                // The answer may be lost; the repeat is safe (see the summary).
                lastFailure = exception;
            }
            catch (Exception exception)
            {
                operation.Failed(exception);
                throw;
            }

            if (refusal is not null)
            {
                throw refusal;
            }

            if (attempt >= retry.MaxRetries)
            {
                operation.GaveUp(lastFailure);
                throw failures.Unreachable(lastFailure);
            }

            var delay = backoff.Next(retryAfter);
            operation.Retrying(transient, lastFailure, delay);
            await Task.Delay(delay, retry.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}

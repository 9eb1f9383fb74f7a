using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Problems;

/// <summary>
/// The last line of defence: a malformed request the framework rejected keeps its 4xx status, a store failure is a
/// 503 to retry, a full store a 507, anything else a 500 (a client gone mid-request never gets here: see
/// <see cref="Hosting.ClientFaults"/>). The body is always problem+json, and no exception text reaches the client.
/// </summary>
internal sealed class RelayExceptionHandler(ILogger<RelayExceptionHandler> logger, StoreRoom room) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        Problem problem;
        switch (exception)
        {
            case BadHttpRequestException bad:
                problem = Problem.ForStatus(bad.StatusCode);
                break;
            case StoreFullException:
                // Expected while a disk or a Redis is full: a throttled line without a trace, and a 507, not a 5xx to retry at once.
                await room.RefuseAsync(httpContext, StoreShortage.Full).ConfigureAwait(false);
                return true;
            case DbException or TimeoutException or StoreUnavailableException:
                RelayLog.StoreUnavailable(logger, exception);
                problem = Problem.Unavailable();
                httpContext.Response.Headers.RetryAfter = "1";
                break;
            default:
                // The endpoint name, not the path: the path holds a mailbox id.
                RelayLog.UnhandledFailure(logger, httpContext.GetEndpoint()?.DisplayName ?? "request", exception);
                problem = Problem.Internal();
                break;
        }

        await ProblemWriter.WriteAsync(httpContext, problem).ConfigureAwait(false);
        return true;
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Problems;
using Tigress.Relay.RateLimiting;

namespace Tigress.Relay.Diagnostics;

/// <summary>
/// What each mailbox and dropbox request leaves behind: a trace span from <see cref="ActivitySourceName"/>, a point in
/// the request-duration histogram, and (when the <see cref="RequestLogCategory"/> category is enabled at Information)
/// one log line. Each names the operation and the status only: never an id, a claim, a location or an address.
/// </summary>
internal sealed partial class RequestTelemetry(RelayMetrics metrics, ILoggerFactory loggerFactory)
{
    /// <summary>The <see cref="ActivitySource"/> of the relay's spans, one per mailbox or dropbox request.</summary>
    public const string ActivitySourceName = "Tigress.Relay";

    /// <summary>The log category of the per-request lines; off (Warning) unless configured to Information.</summary>
    public const string RequestLogCategory = "Tigress.Relay.Requests";

    private static readonly ActivitySource s_source = new(ActivitySourceName);

    private readonly ILogger _requests = loggerFactory.CreateLogger(RequestLogCategory);
    private readonly ILogger _logger = loggerFactory.CreateLogger(typeof(RequestTelemetry).FullName!);

    /// <summary>Wraps a handler so its duration is measured and traced, and a client that went away is not an error.</summary>
    public RequestDelegate Timed(string operation, RequestDelegate handler) => async context =>
    {
        var started = Stopwatch.GetTimestamp();

        // A fixed name per operation, with the route template and method only: the path holds ids.
        using var activity = s_source.StartActivity("tigress.relay." + operation, ActivityKind.Internal);
        activity?.SetTag("tigress.operation", operation);
        try
        {
            if (!RelayRateLimiting.Passed(context))
            {
                // A host whose pipeline lacks the rate limiter after routing would serve without limits: refuse.
                MissingRateLimiter(_logger);
                await ProblemWriter.WriteAsync(context, Problem.Internal()).ConfigureAwait(false);
                return;
            }

            await handler(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            RelayLog.RequestAborted(_logger, operation);
            activity?.SetTag("tigress.aborted", true);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.RequestCompleted(operation, status, elapsed);
            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", status);
                if (status >= 500)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }

            RequestCompleted(_requests, context.Request.Method, operation, status, elapsed.TotalMilliseconds);
        }
    };

    [LoggerMessage(101, LogLevel.Critical, "A relay request reached its endpoint without passing the rate limiter: map the relay with app.MapTigressRelay() on the WebApplication, which adds it, or call app.UseRateLimiter() after app.UseRouting(); refusing with 500")]
    private static partial void MissingRateLimiter(ILogger logger);

    [LoggerMessage(100, LogLevel.Information, "{Method} {Operation} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void RequestCompleted(ILogger logger, string method, string operation, int statusCode, double elapsedMilliseconds);
}

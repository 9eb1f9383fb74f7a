using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Protocol.Wire;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Problems;
using Tigress.Relay.RateLimiting;

namespace Tigress.Relay.Hosting;

/// <summary>
/// The global cap on requests that wait (long polls that ask to wait, event streams), below the connection budget.
/// The per-client caps keep one address from holding many; this keeps many addresses together from holding every
/// connection, so that creates, reads, writes, deletes and <c>/healthz</c> are always served. At the cap a waiting
/// request is answered <c>503</c> with <c>Retry-After</c> and a problem document, before the per-client caps count it.
/// </summary>
internal sealed class WaitingRequestBudget(IOptions<RelayOptions> options, ILogger<WaitingRequestBudget> logger, [Microsoft.Extensions.DependencyInjection.FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time)
{
    // As long as the per-client caps ask a refused client to wait.
    private const string RetryAfterSeconds = "5";

    private readonly LogThrottle _warning = new(time, TimeSpan.FromMinutes(1));
    private long _max = long.MaxValue;
    private long _waiting;

    /// <summary>The cap; set from the connection budget when the server starts (no cap until then).</summary>
    public long Max
    {
        get => Interlocked.Read(ref _max);
        set => Interlocked.Exchange(ref _max, value);
    }

    /// <summary>Requests waiting now.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsWaiting(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _waiting) > Max)
        {
            Interlocked.Decrement(ref _waiting);
            if (_warning.TryEnter(out var held))
            {
                RelayLog.LimitReached(logger, "waiting request (Relay:Connections:MaxWaitingRequests)", held);
            }

            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await ProblemWriter.WriteAsync(context, Problem.TooManyWaiting()).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private bool IsWaiting(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<WaitingRequest>() switch
    {
        { IsEventStream: true } => true,
        { } => PreferWait.Parse(context.Request.Headers[MailboxHeaderNames.Prefer], options.Value.MaxWait) > TimeSpan.Zero,
        null => false,
    };
}

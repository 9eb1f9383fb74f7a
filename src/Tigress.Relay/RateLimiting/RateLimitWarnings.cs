using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.RateLimiting;

/// <summary>Logs each refusal at Debug, and a warning at most once a minute: a flooding client cannot flood the log.</summary>
internal sealed class RateLimitWarnings(ILogger<RateLimitWarnings> logger, [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time)
{
    private readonly LogThrottle _throttle = new(time, TimeSpan.FromMinutes(1));

    public void Refused(string endpoint)
    {
        RelayLog.RateLimited(logger, endpoint);
        if (_throttle.TryEnter(out var held))
        {
            RelayLog.LimitReached(logger, "per-client rate or waiting-request", held);
        }
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Problems;

namespace Tigress.Relay.RateLimiting;

/// <summary>
/// Per-client token buckets on create and on claim attempts, answering 429 problem+json with <c>Retry-After</c>.
/// The partition key is the client's IP address; the limiter keeps it in memory only, and nothing logs it.
/// </summary>
internal static class RelayRateLimiting
{
    public const string CreatePolicy = "tigress-create";
    public const string ClaimPolicy = "tigress-claim";

    public static IServiceCollection AddRelayRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RelayOptions>>((limiter, relay) =>
        {
            var limits = relay.Value.RateLimits;
            limiter.AddPolicy(CreatePolicy, context => Partition(context, limits.Enabled, limits.CreatePerMinute));
            limiter.AddPolicy(ClaimPolicy, context => Partition(context, limits.Enabled, limits.ClaimPerMinute));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, bool enabled, int perMinute)
    {
        if (!enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RelayRateLimiting).FullName!);
        RelayLog.RateLimited(logger, context.GetEndpoint()?.DisplayName ?? "request");
        return new ValueTask(ProblemWriter.WriteAsync(context, Problem.RateLimited()));
    }
}

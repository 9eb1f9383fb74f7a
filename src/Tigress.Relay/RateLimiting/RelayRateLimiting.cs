using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tigress.Relay.Hosting;
using Tigress.Relay.Problems;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.RateLimiting;

/// <summary>
/// Per-client token buckets on create, on claim attempts and on other writes, and per-client caps on the requests
/// that wait (long polls, event streams), answering 429 problem+json with <c>Retry-After</c>. The partition key is
/// the <see cref="ClientKey"/>; the limiter keeps it in memory only, and nothing logs it.
/// </summary>
internal static class RelayRateLimiting
{
    public const string CreatePolicy = "tigress-create";
    public const string ClaimPolicy = "tigress-claim";
    public const string WritePolicy = "tigress-write";

    // A client refused for holding too many waiting requests has nothing to gain from asking again at once.
    private static readonly TimeSpan s_waitingRetryAfter = TimeSpan.FromSeconds(5);

    private static readonly object s_passedKey = new();

    public static IServiceCollection AddRelayRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddSingleton<RateLimitWarnings>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RelayOptions>>((limiter, relay) =>
        {
            var options = relay.Value;
            var limits = options.RateLimits;
            var clients = new ForwardedClient(limits.TrustedProxies);
            limiter.AddPolicy(CreatePolicy, context => Partition(context, clients, CreatePolicy, limits.Enabled, limits.CreatePerMinute));
            limiter.AddPolicy(ClaimPolicy, context => Partition(context, clients, ClaimPolicy, limits.Enabled, limits.ClaimPerMinute));
            limiter.AddPolicy(WritePolicy, context => Partition(context, clients, WritePolicy, limits.Enabled, limits.WritePerMinute));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => WaitingPartition(context, clients, options));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>Whether the rate-limiting middleware saw this request after routing chose its endpoint.</summary>
    public static bool Passed(HttpContext context) => context.Items.ContainsKey(s_passedKey);

    private static RateLimitPartition<string> Partition(HttpContext context, ForwardedClient clients, string policy, bool enabled, int perMinute)
    {
        if (!enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        // A store shared by several nodes keeps the budgets, so that each client gets the limit once in all.
        var client = ClientKey.Of(clients.AddressOf(context));
        if (context.RequestServices.GetService<ISharedRateLimits>() is { } shared)
        {
            var time = context.RequestServices.GetRequiredKeyedService<TimeProvider>(RelayOptions.ClockServiceKey);
            return RateLimitPartition.Get(client, key => new SharedRateLimiter(shared, policy, key, perMinute, time));
        }

        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>A place among the client's waiting requests, held until the request ends; nothing for other requests.</summary>
    private static RateLimitPartition<string> WaitingPartition(HttpContext context, ForwardedClient clients, RelayOptions options)
    {
        // The global limiter runs for every request the middleware sees: proof, for the relay's endpoints, that the
        // host's pipeline has the middleware after routing, where the endpoints' policies apply.
        if (context.GetEndpoint() is not null)
        {
            context.Items[s_passedKey] = null;
        }

        var (prefix, limit) = context.GetEndpoint()?.Metadata.GetMetadata<WaitingRequest>() switch
        {
            { IsEventStream: true } => ("events ", options.Connections.MaxEventStreamsPerClient),
            { } when PreferWait.Parse(context.Request.Headers[MailboxHeaderNames.Prefer], options.MaxWait) > TimeSpan.Zero => ("poll ", options.Connections.MaxLongPollsPerClient),
            _ => ((string?)null, 0),
        };
        if (prefix is null || limit == 0)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetConcurrencyLimiter(prefix + ClientKey.Of(clients.AddressOf(context)), _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = limit,
            QueueLimit = 0,
        });
    }

    private static ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : s_waitingRetryAfter;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<RateLimitWarnings>().Refused(context.GetEndpoint()?.DisplayName ?? "request");
        return new ValueTask(ProblemWriter.WriteAsync(context, Problem.RateLimited()));
    }
}

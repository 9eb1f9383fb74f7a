using System.Threading.RateLimiting;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.RateLimiting;

/// <summary>
/// One client's budget under one policy, kept by <see cref="ISharedRateLimits"/>. Every acquisition asks the shared
/// budget, so nothing is granted synchronously: the middleware then awaits <see cref="AcquireAsyncCore"/>.
/// </summary>
internal sealed class SharedRateLimiter(ISharedRateLimits limits, string policy, string clientKey, int perMinute, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease s_granted = new Lease(true, null);
    private static readonly RateLimitLease s_askAsync = new Lease(false, null);
    private long _lastUsed = time.GetTimestamp();

    // Lets the partitioned limiter drop a client that has gone quiet.
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? s_granted : s_askAsync;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        if (permitCount == 0)
        {
            return s_granted;
        }

        var wait = await limits.TakeAsync(policy, clientKey, perMinute, cancellationToken).ConfigureAwait(false);
        return wait is { } retryAfter ? new Lease(false, retryAfter) : s_granted;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

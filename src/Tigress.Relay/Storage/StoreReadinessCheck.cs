using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tigress.Relay.Storage;

/// <summary>
/// <c>/readyz</c>: ready when the store can commit a write and has room for new content. Each call measures again, so
/// a relay that was full is ready again as soon as there is room, with no client write needed.
/// </summary>
internal sealed class StoreReadinessCheck(IMailboxStore store, StoreRoom room) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await store.IsHealthyAsync(cancellationToken).ConfigureAwait(false))
        {
            return HealthCheckResult.Unhealthy("the store does not answer or cannot commit a write.");
        }

        return await room.NotReadyReasonAsync(cancellationToken).ConfigureAwait(false) is { } reason
            ? HealthCheckResult.Unhealthy(reason)
            : HealthCheckResult.Healthy("the store takes new content.");
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tigress.Relay.Storage;

/// <summary><c>/healthz</c>: healthy when the store answers.</summary>
internal sealed class StoreHealthCheck(IMailboxStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsHealthyAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("The store answers.")
            : HealthCheckResult.Unhealthy("The store does not answer.");
}

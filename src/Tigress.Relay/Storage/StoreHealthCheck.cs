using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tigress.Relay.Storage;

/// <summary>
/// <c>/healthz</c>: healthy when the store answers and can commit a small write, which is all that reads, deletes,
/// relinquishes and claims need. Room for new content is <see cref="StoreReadinessCheck"/>'s (<c>/readyz</c>).
/// </summary>
internal sealed class StoreHealthCheck(IMailboxStore store) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsHealthyAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("The store answers.")
            : HealthCheckResult.Unhealthy("The store does not answer.");
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Prometheus;

/// <summary>
/// Serves the relay's metrics in the Prometheus text format at <c>/metrics</c> on the metrics listener
/// (<c>Relay:MetricsUrls</c>), with OpenTelemetry's Prometheus exporter. Pass it to
/// <see cref="TigressRelayHost.Build"/>; <c>tigress relay --metrics-urls</c> uses it.
/// </summary>
public sealed class PrometheusRelayMetrics : IRelayMetricsEndpoint
{
    /// <summary>The endpoint, stateless: one instance serves any number of relays.</summary>
    public static PrometheusRelayMetrics Instance { get; } = new();

    private PrometheusRelayMetrics()
    {
    }

    /// <inheritdoc/>
    public void AddExporter(MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        metrics.AddPrometheusExporter();
    }

    /// <inheritdoc/>
    public void Map(IApplicationBuilder app, Func<HttpContext, bool> isScrape)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(isScrape);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(isScrape);
    }
}

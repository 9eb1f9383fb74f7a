using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;

namespace Tigress.Relay.Hosting;

/// <summary>
/// Serves the relay's metrics on the metrics listener of <see cref="TigressRelayHost"/>
/// (<see cref="TigressRelayHost.MetricsUrlsKey"/>). The Prometheus endpoint is one, in the <c>Tigress.Relay.Prometheus</c>
/// package: its OpenTelemetry exporter is published as a prerelease only, so this package does not depend on it.
/// </summary>
public interface IRelayMetricsEndpoint
{
    /// <summary>Adds the exporter to the relay's meter provider, which already listens to the relay's meters.</summary>
    /// <param name="metrics">The relay's meter provider builder.</param>
    void AddExporter(MeterProviderBuilder metrics);

    /// <summary>Adds the endpoint to the application, ahead of the relay's own middleware.</summary>
    /// <param name="app">The relay application.</param>
    /// <param name="isScrape">True for a request to serve: <c>/metrics</c> on the metrics listener, nothing else.</param>
    void Map(IApplicationBuilder app, Func<HttpContext, bool> isScrape);
}

namespace Tigress.Client.Diagnostics;

/// <summary>The names under which the SDK reports traces and metrics, for <c>AddSource</c> and <c>AddMeter</c>.</summary>
/// <remarks>Spans and measurements carry the binding, the side, the HTTP method and status, and the outcome; never a
/// mailbox id, a URL, a claim, a share secret, a PIN or a payload.</remarks>
public static class TigressClientDiagnostics
{
    /// <summary>The name of the SDK's <see cref="System.Diagnostics.ActivitySource"/>: a span per transfer step, cancel and
    /// HTTP operation (its retries included).</summary>
    public const string ActivitySourceName = "Tigress.Client";

    /// <summary>The name of the SDK's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>tigress.client.requests</c>,
    /// <c>tigress.client.request.retries</c>, <c>tigress.client.request.duration</c> and <c>tigress.client.transfers</c>.</summary>
    public const string MeterName = "Tigress.Client";
}

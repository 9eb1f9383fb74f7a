using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace Tigress.Client.Diagnostics;

/// <summary>The SDK's activity source and instruments. Tags name kinds and outcomes only, never ids or secrets.</summary>
internal static class ClientTelemetry
{
    public const string BindingTag = "tigress.binding";
    public const string RoleTag = "tigress.role";
    public const string StatusTag = "tigress.status";
    public const string MethodTag = "http.request.method";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";
    public const string AttemptsTag = "tigress.attempts";

    public static readonly ActivitySource Source = new(TigressClientDiagnostics.ActivitySourceName);

    private static readonly Meter s_meter = new(TigressClientDiagnostics.MeterName);

    public static readonly Counter<long> Requests = s_meter.CreateCounter<long>(
        "tigress.client.requests", "{request}", "HTTP operations of the SDK, by binding, method and final status or error.");

    public static readonly Counter<long> Retries = s_meter.CreateCounter<long>(
        "tigress.client.request.retries", "{retry}", "Attempts sent again after a transient failure, by binding and method.");

    public static readonly Histogram<double> RequestDuration = s_meter.CreateHistogram<double>(
        "tigress.client.request.duration", "s", "How long an HTTP operation took, its retries and long-poll wait included.");

    public static readonly Counter<long> Transfers = s_meter.CreateCounter<long>(
        "tigress.client.transfers", "{transfer}", "Transfers that ended, by binding, side and outcome.");

    /// <summary>Starts the span of one HTTP operation (all its attempts).</summary>
    public static Activity? StartRequest(string binding, HttpMethod method)
    {
        var activity = Source.StartActivity($"{binding} {method.Method}", ActivityKind.Internal);
        activity?.SetTag(BindingTag, binding);
        activity?.SetTag(MethodTag, method.Method);
        return activity;
    }

    /// <summary>Records the end of one HTTP operation: its final status, or the type of the failure that ended it.</summary>
    public static void EndRequest(Activity? activity, string binding, HttpMethod method, HttpStatusCode? status, Exception? failure, int attempts, TimeSpan elapsed)
    {
        var tags = new TagList { { BindingTag, binding }, { MethodTag, method.Method } };
        if (status is { } code)
        {
            tags.Add(StatusCodeTag, (int)code);
        }
        else
        {
            tags.Add(ErrorTypeTag, failure?.GetType().FullName ?? "cancelled");
        }

        Requests.Add(1, tags);
        RequestDuration.Record(elapsed.TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(AttemptsTag, attempts);
        if (status is { } answered)
        {
            activity.SetTag(StatusCodeTag, (int)answered);
            if ((int)answered >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
        else
        {
            activity.SetTag(ErrorTypeTag, failure?.GetType().FullName ?? "cancelled");
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>Counts a retry of an HTTP operation.</summary>
    public static void Retried(string binding, HttpMethod method) =>
        Retries.Add(1, new TagList { { BindingTag, binding }, { MethodTag, method.Method } });
}

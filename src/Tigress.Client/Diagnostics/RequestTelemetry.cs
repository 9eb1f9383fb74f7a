using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Tigress.Client.Diagnostics;

/// <summary>The logs, span and measurements of one HTTP operation of the SDK, all its attempts included. Names the binding,
/// the method, statuses and failure types only: the URL holds the mailbox id, the headers a claim.</summary>
internal sealed class RequestTelemetry : IDisposable
{
    private readonly ILogger _logger;
    private readonly string _binding;
    private readonly HttpMethod _method;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Activity? _activity;
    private HttpStatusCode? _status;
    private Exception? _failure;
    private int _attempts;

    public RequestTelemetry(ILogger logger, string binding, HttpMethod method, TimeProvider time)
    {
        _logger = logger;
        _binding = binding;
        _method = method;
        _time = time;
        _started = time.GetTimestamp();
        _activity = ClientTelemetry.StartRequest(binding, method);
    }

    public void Attempt(int attempt)
    {
        _attempts = attempt + 1;
        ClientLog.Sending(_logger, _binding, _method.Method, _attempts);
    }

    public void Answered(HttpStatusCode status)
    {
        _status = status;
        ClientLog.Answered(_logger, _binding, _method.Method, (int)status, _time.GetElapsedTime(_started).TotalMilliseconds);
    }

    /// <summary>The operation ended without an answer, for a reason that is not worth retrying (or the caller cancelled).</summary>
    public void Failed(Exception failure) => _failure = failure;

    /// <summary>The last attempt failed for a transient reason: the operation gives up.</summary>
    public void GaveUp(Exception? failure)
    {
        _failure = failure;
        ClientLog.GaveUp(_logger, _binding, _method.Method, _attempts, failure?.GetType().Name ?? "no answer");
    }

    public void Retrying(HttpStatusCode? status, Exception? failure, TimeSpan delay)
    {
        if (status is { } code)
        {
            ClientLog.RetryingStatus(_logger, _binding, _method.Method, (int)code, _attempts, delay);
        }
        else
        {
            ClientLog.RetryingFailure(_logger, _binding, _method.Method, failure?.GetType().Name ?? "no answer", _attempts, delay);
        }

        ClientTelemetry.Retried(_binding, _method);
    }

    public void Dispose()
    {
        ClientTelemetry.EndRequest(_activity, _binding, _method, _status, _failure, _attempts, _time.GetElapsedTime(_started));
        _activity?.Dispose();
    }
}

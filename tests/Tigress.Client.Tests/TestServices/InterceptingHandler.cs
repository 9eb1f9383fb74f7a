namespace Tigress.Client.Tests.TestServices;

/// <summary>
/// Sits between a client and the real relay to record requests, or to simulate what the network and a hostile relay
/// can do: lose a response, delay a request, rewrite an answer.
/// </summary>
public sealed class InterceptingHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>>? _intercept;
    private readonly List<RecordedRequest> _requests = [];

    public InterceptingHandler(
        Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>>? intercept = null,
        HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler())
    {
        _intercept = intercept;
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.TryGetValues("Mailbox-Request-ID", out var ids) ? ids.Single() : null,
            request.Headers.TryGetValues("Mailbox-Device-Claim", out var claims) ? claims.Single() : null)
        {
            Prefer = request.Headers.TryGetValues("Prefer", out var prefer) ? prefer.Single() : null,
            LastEventId = request.Headers.TryGetValues("Last-Event-ID", out var lastEventId) ? lastEventId.Single() : null,
        };
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        // The status recorded is what the relay answered, even when the interceptor then loses the answer.
        async Task<HttpResponseMessage> Forward()
        {
            var answer = await base.SendAsync(request, cancellationToken);
            recorded.Status = (int)answer.StatusCode;
            return answer;
        }

        var response = _intercept is null ? await Forward() : await _intercept(request, Forward, cancellationToken);
        if (recorded.Status == 0)
        {
            recorded.Status = (int)response.StatusCode;
        }

        return response;
    }
}

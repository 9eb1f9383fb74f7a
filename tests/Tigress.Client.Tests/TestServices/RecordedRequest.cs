namespace Tigress.Client.Tests.TestServices;

/// <summary>One request as <see cref="InterceptingHandler"/> saw it, with the status the relay (or the interceptor) answered; 0 when nothing answered.</summary>
public sealed class RecordedRequest(HttpMethod method, Uri uri, string? requestId, string? claim)
{
    public HttpMethod Method { get; } = method;

    public Uri Uri { get; } = uri;

    public string? RequestId { get; } = requestId;

    public string? Claim { get; } = claim;

    public int Status { get; set; }

    /// <summary>When the request was sent.</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;
}

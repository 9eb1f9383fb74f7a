namespace Tigress.Client.Tests.TestServices;

/// <summary>One request as <see cref="InterceptingHandler"/> saw it, with the status the relay (or the interceptor) answered; 0 when nothing answered.</summary>
public sealed class RecordedRequest(HttpMethod method, Uri uri, string? requestId, string? claim)
{
    public HttpMethod Method { get; } = method;

    public Uri Uri { get; } = uri;

    public string? RequestId { get; } = requestId;

    public string? Claim { get; } = claim;

    /// <summary>The <c>Prefer</c> header (a long poll's <c>wait=N</c>), if any.</summary>
    public string? Prefer { get; init; }

    /// <summary>The <c>Last-Event-ID</c> header of an event stream request, if any.</summary>
    public string? LastEventId { get; init; }

    /// <summary>True for <c>GET /v1/m/{id}/events</c>.</summary>
    public bool IsEventStream => Method == HttpMethod.Get && Uri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal);

    /// <summary>True for a read of the mailbox (<c>POST /v1/m/{id}</c>).</summary>
    public bool IsRead => Method == HttpMethod.Post && !Uri.AbsolutePath.EndsWith("/v1/m", StringComparison.Ordinal);

    public int Status { get; set; }

    /// <summary>When the request was sent.</summary>
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;
}

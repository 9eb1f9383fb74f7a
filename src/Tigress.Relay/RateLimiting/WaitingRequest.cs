namespace Tigress.Relay.RateLimiting;

/// <summary>Endpoint metadata marking requests that may wait, so the per-client cap of their kind applies.</summary>
internal sealed class WaitingRequest
{
    private WaitingRequest(bool isEventStream) => IsEventStream = isEventStream;

    /// <summary>A read that may wait with <c>Prefer: wait=N</c> (docs/protocol.md section 7.6); only requests that ask to wait count.</summary>
    public static WaitingRequest LongPoll { get; } = new(isEventStream: false);

    /// <summary>A Server-Sent Events stream (docs/protocol.md section 8).</summary>
    public static WaitingRequest EventStream { get; } = new(isEventStream: true);

    public bool IsEventStream { get; }
}

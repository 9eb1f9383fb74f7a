namespace Tigress.Relay.Events;

/// <summary>Settings of the Server-Sent Events stream <c>GET /v1/m/{id}/events</c> (docs/protocol.md section 8), bound from <c>Relay:Events</c>.</summary>
public sealed class EventStreamOptions
{
    /// <summary>How long a stream may stay silent before the relay sends a comment, so proxies keep the connection open.</summary>
    /// <remarks>Default: 15 seconds.</remarks>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many streams may be open on one mailbox at once; one more is refused with 429.</summary>
    /// <remarks>Default: 4.</remarks>
    public int MaxStreamsPerMailbox { get; set; } = 4;

    /// <summary>
    /// How long one stream stays open; then the relay ends it and the client reconnects with <c>Last-Event-ID</c>,
    /// missing nothing. Bounds what an idle stream holds, and lets a flood of streams drain by itself.
    /// </summary>
    /// <remarks>Default: 5 minutes.</remarks>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(5);
}

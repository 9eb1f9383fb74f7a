namespace Tigress.Relay.Hosting;

/// <summary>
/// Per-client token buckets on the two operations worth abusing: creating mailboxes and reading (claiming) them.
/// A client is its IP address, kept in memory only; it never reaches a log or the store.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether the limits apply. Turn off for load tests, or behind a proxy that limits by itself.</summary>
    /// <remarks>Default: <see langword="true"/>.</remarks>
    public bool Enabled { get; set; } = true;

    /// <summary>Mailboxes one client may create per minute; also the burst it may spend at once.</summary>
    /// <remarks>Default: 60.</remarks>
    public int CreatePerMinute { get; set; } = 60;

    /// <summary>Reads and claim attempts one client may make per minute; also the burst it may spend at once.</summary>
    /// <remarks>Default: 600.</remarks>
    public int ClaimPerMinute { get; set; } = 600;
}

namespace Tigress.Relay.Hosting;

/// <summary>
/// Per-client token buckets on creating mailboxes, reading (claiming) them, and every other write: update, delete,
/// relinquish, and the dropbox's delete. A client is its IPv4 address or its IPv6 /64, kept in memory only; it never
/// reaches a log or the store.
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

    /// <summary>
    /// Updates, deletes and relinquishes (<c>PUT</c>, <c>DELETE</c>, <c>PATCH</c> on <c>/v1/m/{id}</c>) and dropbox
    /// deletes one client may make per minute; also the burst it may spend at once. Dropbox writes count as creates.
    /// </summary>
    /// <remarks>Default: 300.</remarks>
    public int WritePerMinute { get; set; } = 300;

    /// <summary>
    /// Networks of reverse proxies (CIDR, e.g. <c>10.0.0.5/32</c>) whose <c>X-Forwarded-For</c> names the client for
    /// these limits and the caps on waiting requests. Nothing else reads the header: the connection caps still count
    /// the proxy, and an untrusted peer's header is ignored.
    /// </summary>
    /// <remarks>Default: none.</remarks>
    public IList<string> TrustedProxies { get; set; } = [];
}

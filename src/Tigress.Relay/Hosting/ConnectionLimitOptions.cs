namespace Tigress.Relay.Hosting;

/// <summary>
/// Caps on what the relay holds open at once, bound from <c>Relay:Connections</c>: connections in all and per client,
/// and the requests that wait (long polls, event streams) per client. A client is an IPv4 address or an IPv6 /64, as
/// for the rate limits. Per-client caps of 0 are off; turn them off behind a proxy, where every client has the
/// proxy's address, and cap in the proxy instead.
/// </summary>
public sealed class ConnectionLimitOptions
{
    /// <summary>
    /// The most connections the relay keeps open at once; further ones are closed as soon as they are accepted.
    /// A value that would not leave <see cref="ReservedDescriptors"/> of the process's open-file limit free is lowered.
    /// </summary>
    /// <remarks>Default: none set, which means the open-file limit (<c>ulimit -n</c>) less the descriptors open at start
    /// and <see cref="ReservedDescriptors"/>; 10,000 where the limit cannot be read.</remarks>
    public long? MaxConnections { get; set; }

    /// <summary>
    /// File descriptors kept out of the connection budget: the store's files, outgoing push connections, and the
    /// runtime itself, which needs a descriptor to start a thread.
    /// </summary>
    /// <remarks>Default: 128.</remarks>
    public int ReservedDescriptors { get; set; } = 128;

    /// <summary>
    /// The most long polls and event streams the relay keeps waiting at once, from all clients together; one more is
    /// answered 503 with <c>Retry-After</c>. Held below the connection budget, it leaves room for the short requests
    /// (creates, reads without a wait, writes, deletes, <c>/healthz</c>) however many addresses hold streams.
    /// </summary>
    /// <remarks>Default: none set, which means half the connection budget (<see cref="MaxConnections"/> as the relay
    /// computed it), at least 1. A value above the budget less 1 is lowered to it.</remarks>
    public long? MaxWaitingRequests { get; set; }

    /// <summary>The most connections one client may hold; one more is closed as soon as it is accepted. 0 turns the cap off.</summary>
    /// <remarks>Default: 128.</remarks>
    public int MaxConnectionsPerClient { get; set; } = 128;

    /// <summary>
    /// The most long polls (<c>Prefer: wait=N</c> on a mailbox read or a dropbox get) one client may have waiting at
    /// once; one more is answered 429 with <c>Retry-After</c>. 0 turns the cap off.
    /// </summary>
    /// <remarks>Default: 32.</remarks>
    public int MaxLongPollsPerClient { get; set; } = 32;

    /// <summary>The most event streams one client may have open at once, over all mailboxes; one more is answered 429 with <c>Retry-After</c>. 0 turns the cap off.</summary>
    /// <remarks>Default: 32.</remarks>
    public int MaxEventStreamsPerClient { get; set; } = 32;
}

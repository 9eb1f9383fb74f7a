namespace Tigress.Relay.Hosting;

/// <summary>
/// Per-client request budgets kept where every relay node sees them, so that N nodes give a client the limit once,
/// not N times. A store shared by several nodes registers one (the Redis store does); without one, each node keeps
/// its own budgets in memory.
/// </summary>
/// <remarks>
/// The client key is the relay's in-memory client identity (an IPv4 address or an IPv6 /64): an implementation must
/// not keep it as it is (the Redis one keeps a keyed hash of it, for about a minute).
/// </remarks>
public interface ISharedRateLimits
{
    /// <summary>
    /// Takes one request from the budget of <paramref name="clientKey"/> under <paramref name="policy"/>: a token
    /// bucket of <paramref name="perMinute"/> tokens, refilled at that rate.
    /// </summary>
    /// <returns><see langword="null"/> when the request may go ahead; else how long until the budget allows one again.</returns>
    ValueTask<TimeSpan?> TakeAsync(string policy, string clientKey, int perMinute, CancellationToken cancellationToken);
}

namespace Tigress.Client.Http;

/// <summary>
/// The one retry schedule of the SDK, for every loop that waits before trying again (request retries, the outage loop of
/// a running transfer, polls of a server that does not hold a read, reconnects of the event stream): decorrelated
/// jitter, each wait drawn between the initial wait and three times the previous one, never above the cap, and a
/// server's <c>Retry-After</c> in place of the draw. One instance per loop; not thread-safe.
/// </summary>
internal sealed class Backoff
{
    /// <summary>The longest <c>Retry-After</c> honoured in full, whatever the cap: a rate-limited client that comes back
    /// early is only refused again, but a server must not park it indefinitely either.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _previous;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        _max = max > TimeSpan.Zero ? max : TimeSpan.FromMilliseconds(1);

        // A cap below the initial wait wins, with room left for jitter under it.
        _initial = initial <= TimeSpan.Zero ? _max / 100 : initial <= _max ? initial : _max / 2;
        _previous = _initial;
    }

    /// <summary>The wait before the next try: the server's <paramref name="retryAfter"/> when it gave one (never negative,
    /// at most the larger of the cap and <see cref="LongestRetryAfter"/>), otherwise a jittered draw.</summary>
    public TimeSpan Next(TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } asked)
        {
            var longest = _max > LongestRetryAfter ? _max : LongestRetryAfter;
            var wait = asked < TimeSpan.Zero ? TimeSpan.Zero : asked < longest ? asked : longest;

            // The schedule continues from what the server asked, within its own bounds.
            _previous = wait < _initial ? _initial : wait < _max ? wait : _max;
            return wait;
        }

        // Draw from a range capped first, so that clients which keep failing stay spread out at the cap
        // (capping the draw afterwards would put them all at exactly the cap).
        var upper = Math.Min(_max.TotalMilliseconds, _previous.TotalMilliseconds * 3);
        var lower = _initial.TotalMilliseconds;
        var next = TimeSpan.FromMilliseconds(lower + (Random.Shared.NextDouble() * (upper - lower)));
        _previous = next;
        return next;
    }

    /// <summary>Starts the schedule over, after a success.</summary>
    public void Reset() => _previous = _initial;
}

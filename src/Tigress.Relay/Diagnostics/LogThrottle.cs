namespace Tigress.Relay.Diagnostics;

/// <summary>
/// Lets a warning that a client can cause out at most once per interval, counting the ones held back, so no client
/// can make the log grow without bound.
/// </summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _lock = new();
    private long _last;
    private bool _started;
    private int _held;

    /// <summary>True when the warning may be written now; <paramref name="held"/> is how many were held back since the last one.</summary>
    public bool TryEnter(out int held)
    {
        lock (_lock)
        {
            if (_started && time.GetElapsedTime(_last) < interval)
            {
                _held++;
                held = 0;
                return false;
            }

            _started = true;
            _last = time.GetTimestamp();
            held = _held;
            _held = 0;
            return true;
        }
    }
}

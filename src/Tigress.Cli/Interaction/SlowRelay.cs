namespace Tigress.Cli.Interaction;

/// <summary>
/// Says once, in one line, that the relay is slow, when a request has not come back after <see cref="After"/>: a relay
/// that answers a byte at a time holds a command for minutes (each try up to the response timeout, then the retries),
/// and silence reads as a hang.
/// </summary>
internal static class SlowRelay
{
    /// <summary>How long a relay may take before the line is shown; a healthy one answers in milliseconds.</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(5);

    /// <summary>Awaits <paramref name="work"/>, calling <paramref name="notice"/> with <paramref name="line"/> if it runs
    /// longer than <see cref="After"/>.</summary>
    public static async Task<T> WatchAsync<T>(Task<T> work, Action<string> notice, string line, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(After, stop.Token);
        if (await Task.WhenAny(work, timer).ConfigureAwait(false) == timer && timer.IsCompletedSuccessfully && !work.IsCompleted)
        {
            notice(line);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }
}

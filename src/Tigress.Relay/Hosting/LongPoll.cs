using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tigress.Relay.Hosting;

/// <summary>
/// The wait inside a long poll (docs/protocol.md section 7.6): until the watched change, the timeout, the client leaving, or the relay
/// stopping — a stopping relay answers its waiting clients at once instead of holding shutdown for a minute.
/// </summary>
internal sealed class LongPoll(
    IHostApplicationLifetime lifetime,
    [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time)
{
    /// <summary>Waits; <see langword="false"/> when the relay is stopping and the caller should answer now.</summary>
    public async Task<bool> WaitAsync(Task changed, TimeSpan timeout, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        try
        {
            await changed.WaitAsync(timeout, time, linked.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The wait ran out; the caller reads once more and answers.
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return false;
        }

        return true;
    }
}

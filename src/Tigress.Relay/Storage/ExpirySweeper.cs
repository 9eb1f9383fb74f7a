using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Notifications;

namespace Tigress.Relay.Storage;

/// <summary>
/// Removes expired mailboxes every <see cref="RelayOptions.SweepInterval"/>. Expiry does not wait for it: the store
/// refuses an expired mailbox on every request (docs/protocol.md section 7.13); the sweep only reclaims space and counts outcomes.
/// </summary>
internal sealed class ExpirySweeper(
    IMailboxStore store,
    IDropboxStore dropbox,
    IOptions<RelayOptions> options,
    [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time,
    RelayMetrics metrics,
    MailboxNotifier notifier,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        RelayLog.SweeperStarted(logger, interval);
        try
        {
            using var timer = new PeriodicTimer(interval, time);
            do
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            RelayLog.SweeperStopped(logger);
        }
    }

    internal async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var result = await store.SweepExpiredAsync(now, cancellationToken).ConfigureAwait(false);
            await dropbox.SweepExpiredAsync(now, cancellationToken).ConfigureAwait(false);
            foreach (var tokens in result.NotificationTokens)
            {
                notifier.Expired(tokens, now);
            }

            metrics.Ended(MailboxOutcome.ExpiredUnclaimed, result.Unclaimed);
            metrics.Ended(MailboxOutcome.ExpiredClaimed, result.Claimed);
            RelayLog.Swept(logger, result.Unclaimed, result.Claimed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RelayLog.SweepFailed(logger, e);
        }
    }
}

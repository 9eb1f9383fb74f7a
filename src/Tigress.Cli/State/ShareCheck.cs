using System.Diagnostics;
using Tigress.Cli.Commands;
using Tigress.Client;
using Tigress.Client.Transfers;

namespace Tigress.Cli.State;

/// <summary>
/// What <c>tigress status</c> does for one saved share it could lock: resumes the share's session and steps it until
/// nothing new has happened for <see cref="Idle"/>. On the way the session hears the mailbox's events from the start
/// of its log (every wrong PIN, the opening, the end), reads what the recipient wrote and answers it as a running
/// <c>share</c> would (so a car key whose recipient waits is finished), and saves each step. Every event is reported
/// once: the SDK's state remembers what it reported, and is saved before the event is raised.
/// </summary>
internal static class ShareCheck
{
    /// <summary>How long a check waits with nothing new before it stops: the relay's replay of the event log and the
    /// answer of a recipient that is waiting come well within it.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    // A step that ends with nothing new may have spent its wait opening the event stream (a slow network, a busy
    // machine): the check stops only after a second one, on the open stream, found nothing either.
    private const int QuietSteps = 2;

    /// <summary>The longest a check of one share runs, however busy the exchange.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    /// <summary>Checks <paramref name="saved"/> and, when the share has ended, removes its state (the caller reports
    /// it). A relay that cannot be reached leaves the state as it was, and the report says why it was not checked.</summary>
    public static async Task<ShareReport> RunAsync(TigressClient client, SavedShare saved, CancellationToken cancellationToken)
    {
        var events = new List<TransferEvent>();
        var options = new TransferSessionOptions
        {
            LongPollWait = Idle,
            EventOccurred = transferEvent =>
            {
                lock (events)
                {
                    events.Add(transferEvent);
                }

                saved.Note(transferEvent);
            },
            StateChanged = saved.SaveAsync,
        };

        if (saved.Record.ExpiresAt is null && Uri.TryCreate(saved.Record.Relay, UriKind.Absolute, out var relay))
        {
            // A share made in the foreground did not ask; once is enough.
            saved.Record.ExpiresAt = await ShareExpiry.EstimateAsync(client, relay, saved.Transfer.Binding, saved.Record.SharedAt, null, cancellationToken)
                .ConfigureAwait(false);
        }

        using var session = TransferSession.Resume(client, saved.Transfer, options);
        var report = new ShareReport(saved.Record, saved.FilePath) { Checked = true };
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var progress = 0;
        var quietSteps = 0;
        try
        {
            while (session.Status == TransferStatus.Active && (quietSteps < QuietSteps || clock.Elapsed - lastProgress < Idle) && clock.Elapsed < Longest)
            {
                await session.StepAsync(cancellationToken).ConfigureAwait(false);
                lock (events)
                {
                    var now = events.Count(IsProgress);
                    quietSteps = now == progress ? quietSteps + 1 : 0;
                    if (now != progress)
                    {
                        progress = now;
                        lastProgress = clock.Elapsed;
                    }
                }
            }

            if (session.Status != TransferStatus.Active)
            {
                var result = await session.RunAsync(cancellationToken).ConfigureAwait(false);
                report = report with { Status = result.Status, CancelReason = result.CancelReason, CancelledByPeer = result.CancelledByPeer };
            }
        }
        catch (TransferException exception) when (session.Status == TransferStatus.Active)
        {
            // The relay could not be reached or refused: the share stands as last saved.
            report = report with { Checked = false, Problem = CliFailure.From(exception) };
        }
        catch (TransferException exception)
        {
            report = report with { Status = TransferStatus.Failed, Failure = exception };
        }

        lock (events)
        {
            report = report with { Events = [.. events.Where(IsReported)] };
        }

        if (report.Status == TransferStatus.Active)
        {
            // Also what the SDK does not save on its own (an unanswered claim, once reported).
            await saved.SaveAsync(session.GetState(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            saved.Remove();
        }

        return report;
    }

    /// <summary>A step that moved the share on: anything but a wait or a relay that is away.</summary>
    private static bool IsProgress(TransferEvent transferEvent) =>
        transferEvent.Kind is not (TransferEventKind.Waiting or TransferEventKind.RelayUnavailable or TransferEventKind.MailboxCreated);

    /// <summary>The events <c>status</c> reports as news: the opening, a PIN's outcome, an unanswered claim.</summary>
    private static bool IsReported(TransferEvent transferEvent) =>
        transferEvent.Kind is TransferEventKind.Claimed or TransferEventKind.PinGuessFailed or TransferEventKind.PinMatched or TransferEventKind.ClaimUnanswered;
}

using System.CommandLine;
using System.Globalization;
using Tigress.Cli.Interaction;
using Tigress.Cli.State;
using Tigress.Client.Transfers;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>share</c>'s saved state (<see cref="ShareStateStore"/>): <c>--detach</c> leaves the share live and exits once
/// the link is printed, <c>--resume</c> continues a saved share in the foreground, and every share saves its state
/// while it runs, so one whose process was killed can be picked up by <c>status</c>, <c>cancel</c> or <c>--resume</c>.
/// </summary>
internal sealed partial class ShareCommand
{
    private static readonly Option<bool> s_detach = new("--detach")
    {
        Description = "Print the link (and the PIN), leave the share live and exit 0: its state is saved in $XDG_STATE_HOME/tigress "
            + "(~/.local/state/tigress; mode 0600), 'tigress status' shows it, 'tigress cancel' ends it, 'tigress share --resume' continues it. "
            + "A SPAKE2 PIN share (--pin-spake2) needs you back (tigress status) before the recipient gets past the PIN.",
    };

    private static readonly Option<string?> s_resume = new("--resume")
    {
        Description = "Continue a saved share (left with --detach, or whose share was stopped without ending it) in the foreground, as if it never "
            + "stopped: LINK is its link, or its id as 'tigress status' shows it; only --json goes with it. Ctrl-C cancels the share.",
        HelpName = "LINK|ID",
    };

    // The options a resumed share takes from its saved state instead of the command line.
    private static readonly Option[] s_notWithResume =
        [s_relay, s_text, s_file, s_title, s_description, s_image, s_vertical, s_format, s_binding, s_suite, s_pin, s_pinSpake2, s_pinGuesses, s_pinLength, s_expires, s_noQr, s_detach];

    private void AddStateOptions()
    {
        Options.Add(s_detach);
        Options.Add(s_resume);
        Validators.Add(result =>
        {
            if (result.GetResult(s_resume) is null)
            {
                return;
            }

            if (s_notWithResume.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } other)
            {
                result.AddError($"--resume continues a saved share as it was made: leave out {other.Name} (only --json goes with --resume).");
            }
        });
    }

    /// <summary><c>--text</c> or <c>--file</c> is required, except to resume.</summary>
    private static bool NeedsContent(System.CommandLine.Parsing.CommandResult result) => result.GetResult(s_resume) is null;

    /// <summary>Saves the new share before its link is printed. A <c>--detach</c> share that cannot be saved is cancelled,
    /// since nobody could follow it up.</summary>
    private async Task KeepAsync(
        KeptShare kept, TransferSession session, string link, ShareRequest request, PinSettings? pinSettings, bool detach, CancellationToken cancellationToken)
    {
        try
        {
            await kept.BeginAsync(_client, session, link, request, pinSettings?.Guesses, cancellationToken).ConfigureAwait(false);
        }
        catch (ShareStateException exception) when (detach)
        {
            var cancelled = await TryCancelAsync(session).ConfigureAwait(false);
            throw new ShareStateException(
                exception.ExitCode,
                exception.Code,
                exception.Message + (cancelled
                    ? " Nothing was shared: the share is cancelled before its link was printed."
                    : " The share could not be cancelled either; its link was never printed, and it expires on its own."));
        }
    }

    /// <summary>After the link of a <c>--detach</c> share was printed: says how to follow it up, and exits.</summary>
    private int Detached(KeptShare kept, bool json)
    {
        if (json)
        {
            Interaction.WriteOutputLine(new CliEvent { Event = "detached", Id = kept.Id, File = kept.FilePath }.ToJson());
            return ExitCodes.Success;
        }

        var until = kept.ExpiresAt is { } time ? $" or expires ({time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})" : " or expires";
        Interaction.DisplayNotice(
            $"Left running as {kept.Id}: the share stays live until it is received, cancelled (tigress cancel {kept.Id}){until}. "
            + $"tigress status shows where it stands; its state is saved in {kept.FilePath}.");
        return ExitCodes.Success;
    }

    /// <summary><c>share --resume LINK|ID</c>: runs a saved share in the foreground until it ends, as <c>share</c> does.</summary>
    private async Task<int> ResumeAsync(ParseResult parseResult, string linkOrId, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(JsonOption);
        var store = ShareStateStore.For(_environment);
        var id = store.IdFor(linkOrId);
        store.Prepare(Interaction.DisplayNotice);
        var opened = await SavedShare.OpenAsync(store, id, Interaction.DisplayNotice, cancellationToken).ConfigureAwait(false);
        using var saved = opened.Share ?? throw InUse(id, opened.RunningProcess);
        saved.Record.Process = Environment.ProcessId;
        saved.Save();

        var reporter = new TransferReporter(Interaction, json);
        var options = new TransferSessionOptions
        {
            EventOccurred = transferEvent =>
            {
                reporter.OnEvent(transferEvent);
                saved.Note(transferEvent);
            },
            StateChanged = saved.SaveAsync,
        };
        using var session = TransferSession.Resume(_client, saved.Transfer, options);
        try
        {
            if (!json && Interaction.IsInteractive)
            {
                Interaction.DisplayMessage($"Resumed the share {id} (\"{Protocol.DisplayText.ToLine(saved.Record.Title, 80)}\"). Ctrl-C cancels the share.");
            }

            var waiting = saved.Record.OpenedAt is null ? "Waiting for the recipient to open the link…" : "Waiting for the recipient's answer…";
            var result = json || !Interaction.IsInteractive
                ? await session.RunAsync(cancellationToken).ConfigureAwait(false)
                : await Interaction.ShowProgressAsync(waiting, progress =>
                {
                    reporter.Progress = progress;
                    return session.RunAsync(cancellationToken);
                }).ConfigureAwait(false);
            saved.Remove();
            return Report(result, json);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not TransferException)
        {
            var exit = await CancelAsync(session, json).ConfigureAwait(false);
            Settle(saved, session.Status);
            return exit;
        }
        catch (TransferException exception) when (session.Status == TransferStatus.Active)
        {
            Settle(saved, session.Status);
            var failure = CliFailure.From(exception);
            return Fail(failure with { Message = $"{failure.Message} The share is still saved: tigress share --resume {id} tries again." }, json);
        }
        catch (TransferException)
        {
            // It ended (a lock after too many wrong PINs, among others): reported by the caller, the state removed.
            saved.Remove();
            throw;
        }
    }

    /// <summary>Removes the state of a share that ended; a share still live stays saved, no longer run by this process.</summary>
    private static void Settle(SavedShare saved, TransferStatus status)
    {
        if (status != TransferStatus.Active)
        {
            saved.Remove();
            return;
        }

        saved.Record.Process = null;
        saved.Save();
    }

    /// <summary>The share is run by another process.</summary>
    internal static ShareStateException InUse(string id, int? process) => ShareStateException.InUse(process is { } running
        ? string.Create(CultureInfo.InvariantCulture, $"tigress share (process {running}) is running the share {id}: press Ctrl-C there, which cancels it, or wait until it ends.")
        : $"another tigress command is using the share {id}; try again in a moment.");
}

using System.CommandLine;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Cli.State;
using Tigress.Client;
using Tigress.Client.Transfers;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress status [LINK|ID]</c>: where the shares this user left running stand (<c>share --detach</c>, or a
/// <c>share</c> stopped without ending its share). Each is resumed to hear the mailbox's events and read what the
/// recipient wrote: every wrong PIN is reported once, a multi-message share whose recipient waits is finished, and a
/// share that has ended (received, cancelled, expired, locked) is reported one last time and its state removed.
/// Without LINK: one line per share on standard output; with LINK: that share in detail.
/// </summary>
internal sealed class StatusCommand : BaseCommand
{
    // Shares checked at once: each waits a couple of seconds for news, mostly idle.
    private const int Parallel = 8;

    private static readonly Argument<string?> s_link = new("LINK|ID")
    {
        Description = "A share's link, or its id as 'tigress status' lists it: show that share in detail [default: every saved share, one line each]",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly TigressClient _client;
    private readonly CliEnvironment _environment;

    public StatusCommand(IInteractionService interaction, TigressClient client, CliEnvironment environment)
        : base(
            "status",
            "Show the shares left running (share --detach, or a share stopped without ending it): waiting to be opened, opened, wrong PIN, "
            + "locked, received, cancelled or expired, and when each expires. Asks each share's relay, reports every wrong PIN once, finishes "
            + "an exchange whose recipient waits (a car key, a SPAKE2 PIN), and forgets a share once it has reported its end. "
            + "The state lives in $XDG_STATE_HOME/tigress (~/.local/state/tigress).",
            interaction)
    {
        _client = client;
        _environment = environment;
        Arguments.Add(s_link);
        Options.Add(JsonOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(JsonOption);
        var store = ShareStateStore.For(_environment);
        var linkOrId = parseResult.GetValue(s_link);
        IReadOnlyList<string> ids = linkOrId is null ? store.Ids() : [store.IdFor(linkOrId)];
        if (ids.Count == 0)
        {
            if (!json)
            {
                Interaction.DisplayNotice($"No shares are left running from this account (none saved in {store.Folder}).");
            }

            return ExitCodes.Success;
        }

        store.Prepare(Interaction.DisplayNotice);
        using var parallel = new SemaphoreSlim(Parallel);
        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            await parallel.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await CheckAsync(store, id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                parallel.Release();
            }
        })).ConfigureAwait(false);

        var exit = ExitCodes.Success;
        foreach (var outcome in outcomes.OrderBy(o => o.Report?.Record.SharedAt ?? DateTimeOffset.MinValue))
        {
            var code = outcome.Report is { } report ? Show(report, json, detailed: linkOrId is not null) : Fail(outcome.Failure!, json);
            if (exit == ExitCodes.Success)
            {
                exit = code;
            }
        }

        return exit;
    }

    /// <summary>Checks one share, or says why it cannot; a share that vanished meanwhile (reported by another run) is skipped.</summary>
    private async Task<Outcome> CheckAsync(ShareStateStore store, string id, CancellationToken cancellationToken)
    {
        try
        {
            var opened = await SavedShare.OpenAsync(store, id, Interaction.DisplayNotice, cancellationToken).ConfigureAwait(false);
            if (opened.Share is not { } saved)
            {
                return new Outcome(new ShareReport(opened.Record, store.PathOf(id))
                {
                    Status = TransferState.FromJson(opened.Record.Transfer.GetRawText()).Status,
                    RunningProcess = opened.RunningProcess,
                }, null);
            }

            using (saved)
            {
                return new Outcome(await ShareCheck.RunAsync(_client, saved, cancellationToken).ConfigureAwait(false), null);
            }
        }
        catch (ShareStateException exception)
        {
            return new Outcome(null, CliFailure.From(exception));
        }
    }

    /// <summary>Prints one share: its news on standard error (each once), then its line (or its details) on standard output.</summary>
    private int Show(ShareReport report, bool json, bool detailed)
    {
        if (json)
        {
            Interaction.WriteOutputLine(report.ToJson().ToJson());
        }
        else
        {
            foreach (var news in report.Events.Select(News).OfType<string>())
            {
                Interaction.DisplayNotice($"{report.Id}: {news}");
            }

            if (detailed)
            {
                var width = report.Details().Max(d => d.Label.Length) + 2;
                foreach (var (label, value) in report.Details())
                {
                    Interaction.WriteOutputLine((label + ":").PadRight(width) + value);
                }
            }
            else
            {
                Interaction.WriteOutputLine(report.Line);
            }
        }

        return report.Problem?.ExitCode ?? ExitCodes.Success;
    }

    /// <summary>An event in words, for the events people need to hear of; null for the rest (the state line says them).</summary>
    private static string? News(TransferEvent transferEvent) => transferEvent.Kind switch
    {
        TransferEventKind.PinGuessFailed => transferEvent.GuessesLeft switch
        {
            0 => "a wrong PIN was tried; no tries left, so the relay locked the share.",
            1 => "a wrong PIN was tried; 1 try left.",
            var left => $"a wrong PIN was tried; {left} tries left.",
        },
        TransferEventKind.ClaimUnanswered => transferEvent.Reason,
        _ => null,
    };

    private sealed record Outcome(ShareReport? Report, CliFailure? Failure);
}

using System.CommandLine;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Client;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress receive SHARE_URL</c>: claims the share (a mailbox share URL, or a dropbox invitation URL, recognised by
/// a fragment that starts with <c>v=</c>), decrypts it, plays the recipient's side of its vertical and writes the
/// credential to <c>--out</c> or standard output. A PIN share (<c>p=1</c>, SPAKE2, or <c>p=2</c>, relay-assisted) takes
/// the PIN from <c>--pin</c> or asks for it on the terminal without echo, before anything is claimed; a wrong
/// relay-assisted PIN asked for on the terminal is asked again while the relay allows tries.
/// </summary>
internal sealed class ReceiveCommand : BaseCommand
{
    // Room for the longest PIN with a separator between every two digits.
    private const int MaxTypedPinLength = 2 * Pin.MaximumLength;

    private static readonly Argument<string> s_url = new("SHARE_URL") { Description = "The link the sender gave you (a share URL or a dropbox invitation)." };

    private static readonly Option<string?> s_pin = new("--pin")
    {
        Description = "The PIN the sender told you, for a PIN-protected share (without it, asked for on the terminal). A wrong PIN: on a "
            + "relay-assisted share (p=2 in the link) the relay allows a few tries and receive says how many are left (a PIN asked for "
            + "on the terminal is asked again); on a SPAKE2 share (p=1) the first wrong PIN ends the share.",
        HelpName = "PIN",
    };

    private static readonly Option<string?> s_out = new("--out")
    {
        Description = "Write the credential to this new file (readable by you only); checked before the share is claimed. "
            + "Without it, a shared file is saved under the name its sender gave (shown before receive asks), in the current folder, if that name is safe "
            + "(no folder, not hidden, no leading '-', no control or invisible characters) and free; other shares go to standard output, as with --out -.",
        HelpName = "FILE|-",
    };

    private static readonly Option<bool> s_force = new("--force") { Description = "With --out: replace the file if it exists." };

    // The flag's earlier name, still accepted so existing scripts keep working; help shows --force only.
    private static readonly Option<bool> s_overwrite = new("--overwrite") { Hidden = true };

    private static readonly Option<bool> s_yes = new("--yes", "-y")
    {
        Description = "Accept the share without asking. Without it, receive shows the verified title and description and asks "
            + "'accept? [Y/n]' on the terminal; with no terminal on standard input it refuses before claiming anything.",
    };

    private readonly TigressClient _client;
    private readonly CliEnvironment _environment;

    public ReceiveCommand(IInteractionService interaction, TigressClient client, CliEnvironment environment)
        : base("receive", "Receive a credential from a share link.", interaction)
    {
        _client = client;
        _environment = environment;
        Arguments.Add(s_url);
        Options.Add(s_pin);
        Options.Add(s_out);
        Options.Add(s_force);
        Options.Add(s_overwrite);
        Options.Add(s_yes);
        Options.Add(JsonOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(JsonOption);
        // "--out -" is standard output even for a share that names its file.
        var standardOutput = parseResult.GetValue(s_out) == "-";
        var output = parseResult.GetValue(s_out) is { } path && !standardOutput ? PathOption.FullPath(path, "--out") : null;
        var force = parseResult.GetValue(s_force) || parseResult.GetValue(s_overwrite);
        if (output is null && force)
        {
            throw new CliUsageException("--force applies to --out FILE only.");
        }

        // The share is spent once received: the file must be writable before anything is claimed.
        using var target = output is null ? null : OutputFile.Prepare(output, force);
        var reporter = new TransferReporter(Interaction, json);
        var named = new ReceivedFile.NameRecorder(CredentialVerticals.AuthorizationToken);
        var verticals = CredentialVerticals.Default.Select(v => v.Format == named.Format ? named : v).ToList();
        var options = new TransferSessionOptions { EventOccurred = reporter.OnEvent, Verticals = verticals };
        var yes = parseResult.GetValue(s_yes);
        string? wrongPin = null;

        // A wrong relay-assisted PIN claims nothing, and the relay says how many tries are left: where the PIN was asked
        // for on the terminal, it is asked again while tries are left (bounded by the most guesses a share allows).
        for (var attempt = 0; ; attempt++)
        {
            var opened = await OpenAsync(parseResult, options, wrongPin, cancellationToken).ConfigureAwait(false);
            if (opened.Session is null)
            {
                return Fail(
                    wrongPin is not null
                        ? WrongPinFailure(wrongPin)
                        : CliFailure.PinRequired(
                            "This share is protected by a PIN: run again with --pin PIN (the sender tells you the PIN), or in a terminal to be asked for it. Nothing was claimed, so the link still works."),
                    json);
            }

            using var session = opened.Session;
            if (!yes && !Interaction.CanPromptSecret)
            {
                return Fail(
                    new CliFailure(
                        ExitCodes.InvalidUsage,
                        "confirmation-required",
                        "There is no terminal to ask whether to accept the share: run again with --yes to accept it without being asked. Nothing was claimed, so the link still works."),
                    json);
            }

            TransferOffer? offer;
            try
            {
                offer = await WithProgressAsync(
                    "Claiming the share…",
                    reporter,
                    json,
                    () => SlowRelay.WatchAsync(
                        session.GetOfferAsync(cancellationToken),
                        reporter.Notice,
                        "No answer from the relay yet; still trying. Ctrl-C gives up.",
                        cancellationToken)).ConfigureAwait(false);
            }
            catch (TransferException exception) when (exception is { Error: TransferError.WrongPin, GuessesLeft: > 0 and var left }
                && opened.Prompted && attempt < RelayPin.MaxGuesses)
            {
                wrongPin = exception.Message;
                Interaction.DisplayMessage(left == 1 ? "The PIN is wrong; 1 try is left." : $"The PIN is wrong; {left} tries are left.");
                continue;
            }
            catch (TransferException exception) when (exception is { Error: TransferError.WrongPin, GuessesLeft: 0 })
            {
                return Fail(
                    CliFailure.From(exception) with
                    {
                        Message = "Too many wrong PINs were tried, so the relay locked this share and nobody can receive it now: ask the sender for a new link.",
                    },
                    json);
            }

            return await ReceiveAsync(session, offer, yes, json, target, standardOutput, named, reporter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The failure to report when the person, asked again after a wrong PIN, typed nothing.</summary>
    private static CliFailure WrongPinFailure(string message) => new(ExitCodes.WrongPin, "wrong-pin", message);

    /// <summary>Shows the offer, asks, and receives: the rest of <see cref="ExecuteAsync"/> once the share is claimed.</summary>
    private async Task<int> ReceiveAsync(
        TransferSession session,
        TransferOffer? offer,
        bool yes,
        bool json,
        OutputFile? target,
        bool standardOutput,
        ReceivedFile.NameRecorder named,
        TransferReporter reporter,
        CancellationToken cancellationToken)
    {
        TransferResult result;
        try
        {
            // Without --out, a file goes where its sender's name says: the person sees that name before saying yes.
            var file = target is null && !standardOutput && offer?.FileName is { } name ? DescribeNamedFile(name) : null;
            if (offer is not null && !await AcceptAsync(offer, file, session.Expiration, yes, json, cancellationToken).ConfigureAwait(false))
            {
                await session.DeclineAsync("The recipient declined the share.", cancellationToken).ConfigureAwait(false);
                return End(
                    json,
                    new CliEvent { Event = "cancelled", By = "self", Reason = "declined" },
                    "Declined: nothing was received, and the sender is told.",
                    ExitCodes.ExpiredOrCancelled);
            }

            result = await WithProgressAsync("Receiving…", reporter, json, () => session.RunAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await session.CancelAsync("The recipient stopped receiving.", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is TransferException or OperationCanceledException)
            {
                // Interrupted either way; the sender's side expires on its own.
            }

            return End(json, new CliEvent { Event = "interrupted" }, "Interrupted: nothing was received.", ExitCodes.Interrupted);
        }

        return result.Status switch
        {
            TransferStatus.Completed => await DeliverAsync(result.Content!, target, standardOutput ? null : named.FileName, json, cancellationToken).ConfigureAwait(false),
            TransferStatus.Cancelled => End(
                json,
                new CliEvent { Event = "cancelled", By = "peer", Reason = result.CancelReason },
                $"The sender cancelled the share: {result.CancelReason}",
                ExitCodes.ExpiredOrCancelled),

            // The relay answers the same for a share that expired, was cancelled, or was received and deleted.
            _ when !result.PeerSeen && session.PinProtection == PinProtection.RelayAssisted => End(
                json,
                new CliEvent { Event = "expired", Claimed = false },
                "This PIN share has ended: it was received, cancelled or expired, or the sender ended it after too many wrong PINs. Ask the sender to share again.",
                ExitCodes.ExpiredOrCancelled),
            _ when !result.PeerSeen && session.RequiresPin => End(
                json,
                new CliEvent { Event = "expired", Claimed = false },
                "This PIN share has ended: someone may have tried a wrong PIN (the sender's device then ends the share), or it was received, cancelled or expired. Ask the sender to share again.",
                ExitCodes.ExpiredOrCancelled),
            _ when !result.PeerSeen => End(
                json,
                new CliEvent { Event = "expired", Claimed = false },
                "This share is no longer available: it was already claimed and received, or the sender cancelled it, or it expired.",
                ExitCodes.ExpiredOrCancelled),
            _ => End(
                json,
                new CliEvent { Event = "expired", Claimed = true },
                "The sender cancelled the share, or it expired, before the transfer finished.",
                ExitCodes.ExpiredOrCancelled),
        };
    }

    /// <summary>
    /// The receiving session for the link (a share URL or a dropbox invitation). For a PIN share the PIN comes from
    /// <c>--pin</c> or a prompt (again after <paramref name="wrongPin"/>, the reason the last one failed); the session is
    /// null when there is neither (no terminal to ask on), or the person typed nothing when asked again. Nothing is sent.
    /// </summary>
    private async Task<(TransferSession? Session, bool Prompted)> OpenAsync(
        ParseResult parseResult, TransferSessionOptions options, string? wrongPin, CancellationToken cancellationToken)
    {
        // A malformed link is an invalid-link failure (CliFailure); nothing was claimed.
        using (var link = TigressLink.Parse(parseResult.GetValue(s_url)!))
        {
            var option = parseResult.GetValue(s_pin);
            if (!link.RequiresPin && option is not null)
            {
                throw new CliUsageException("This share is not protected by a PIN; leave out --pin.");
            }

            char[]? typed = null;
            try
            {
                if (link.RequiresPin)
                {
                    typed = option?.ToCharArray()
                        ?? await Interaction.PromptSecretAsync("PIN from the sender (not shown as you type): ", MaxTypedPinLength, cancellationToken).ConfigureAwait(false);
                    if (typed is null || (wrongPin is not null && typed.Length == 0))
                    {
                        return (null, false);
                    }
                }

                return (TransferSession.Receive(_client, link, typed, options), Prompted: option is null && typed is not null);
            }
            catch (ArgumentException exception) when (exception.ParamName == "pin")
            {
                throw new CliUsageException($"A PIN is {Pin.MinimumLength} to {Pin.MaximumLength} digits (spaces and dashes are ignored). Nothing was claimed, so you can try again.");
            }
            catch (ArgumentException exception)
            {
                throw new CliUsageException(CliUsageException.MessageOf(exception));
            }
            finally
            {
                if (typed is not null)
                {
                    Array.Clear(typed);
                }
            }
        }
    }

    private Task<T> WithProgressAsync<T>(string status, TransferReporter reporter, bool json, Func<Task<T>> work) =>
        json || !Interaction.IsInteractive
            ? work()
            : Interaction.ShowProgressAsync(status, async progress =>
            {
                reporter.Progress = progress;
                try
                {
                    return await work().ConfigureAwait(false);
                }
                finally
                {
                    // The display ends with this phase; a later event must not draw on it.
                    reporter.Progress = SilentProgress.Instance;
                }
            });

    /// <summary>Shows what the share offers, as the sender sealed it, and asks unless <c>--yes</c> said yes already.</summary>
    private async Task<bool> AcceptAsync(TransferOffer offer, string? file, DateTimeOffset? expiration, bool yes, bool json, CancellationToken cancellationToken)
    {
        if (yes && (json || !Interaction.IsInteractive))
        {
            return true;
        }

        // The sender's words in a column of their own: wrapped, they stay indented under their label, so no piece of them
        // can stand at the start of a line and pass for the verdict below or the question.
        List<(string, string)> fields =
        [
            ("Title:", offer.Title ?? "(none)"),
            ("Description:", offer.Description ?? "(none)"),
            ("Credential:", PlainWords.Credential(offer)),
        ];
        if (expiration is { } expires)
        {
            fields.Add(("Expires:", PlainWords.Expiry(expires, DateTimeOffset.UtcNow, TimeZoneInfo.Local)));
        }

        if (file is not null)
        {
            fields.Add(("File:", file));
        }

        Interaction.DisplayFields(fields);
        Interaction.DisplayMessage(offer.PreviewMatched switch
        {
            true => "The relay's preview matches what the sender sealed into the share.",
            _ => "Sent through an HTTP dropbox: there is no relay preview to compare; this is what the sender sealed into the share.",
        });
        if (yes)
        {
            return true;
        }

        // No answer (the input ended) is a no: nothing is accepted that nobody agreed to.
        return await Interaction.ConfirmAsync("accept? [Y/n] ", cancellationToken).ConfigureAwait(false) ?? false;
    }

    /// <summary>What becomes of a file the sender named, for the offer: the name, and whether it is used here (the
    /// same checks as <see cref="NamedTarget"/>, which decides once the file is received).</summary>
    private string DescribeNamedFile(string name)
    {
        var shown = $"'{ReceivedFile.Printable(name)}'";
        if (ReceivedFile.Problem(name) is { } problem)
        {
            return $"{shown}, {problem}: it will be saved under a new tigress-received-... name instead";
        }

        var path = Path.Combine(_environment.CurrentDirectory, name);
        return File.Exists(path) || Directory.Exists(path)
            ? $"{shown}, which exists here: it will be saved under a new tigress-received-... name instead"
            : $"{shown}, to be saved in the current folder";
    }

    /// <summary>Writes the received credential to <c>--out</c>, else to the file the sender named (see
    /// <see cref="NamedTarget"/>), else to standard output.</summary>
    private async Task<int> DeliverAsync(byte[] content, OutputFile? output, string? name, bool json, CancellationToken cancellationToken)
    {
        if (output is not null)
        {
            return await DeliverToFileAsync(content, output, json, cancellationToken).ConfigureAwait(false);
        }

        using var target = NamedTarget(name, json);
        if (target is { Refused: { } refused })
        {
            // Received already, and the share is spent: keep the credential under a name of our own, and say so.
            var kept = await KeepAsync(content, cancellationToken).ConfigureAwait(false);
            return Fail(new CliFailure(ExitCodes.InvalidUsage, "output-refused", $"{refused}: saved it as '{kept}' instead. Look at it before you rename it, or receive with --out FILE."), json);
        }

        if (target?.File is null)
        {
            if (!json && Interaction.IsOutputTerminal && !ReceivedFile.IsPrintableText(content))
            {
                var kept = await KeepAsync(content, cancellationToken).ConfigureAwait(false);
                Interaction.DisplayError(
                    $"tigress {Name}: the credential is binary, or holds control characters (a carriage return not followed by a line feed, an escape), which are never written to a terminal: saved it as '{kept}'. Next time add --out FILE, or redirect standard output (> FILE).");
                return ExitCodes.Success;
            }

            await WriteToStandardOutputAsync(content, json, cancellationToken).ConfigureAwait(false);
            if (!json && Interaction.IsOutputTerminal && content is not [.., (byte)'\n'])
            {
                // The shell's prompt starts on a line of its own, not glued to the credential.
                Interaction.WriteOutputLine("");
            }

            return ExitCodes.Success;
        }

        return await DeliverToFileAsync(content, target.File, json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Without <c>--out</c>, the file the sender named, in the current folder, when its name is safe and nothing by
    /// that name exists; a refusal (with the reason) when not; null when the share carries no name. With
    /// <c>--json</c> the content stays in the completed event, so nothing is written.
    /// </summary>
    private Target? NamedTarget(string? name, bool json)
    {
        if (name is null || json)
        {
            return null;
        }

        var named = $"the sender named the file '{ReceivedFile.Printable(name)}'";
        if (ReceivedFile.Problem(name) is { } problem)
        {
            return new Target(null, $"{named}, {problem}");
        }

        var path = Path.Combine(_environment.CurrentDirectory, name);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return new Target(null, $"{named}, which exists here and is never replaced");
        }

        try
        {
            return new Target(OutputFile.Prepare(path, overwrite: false), null);
        }
        catch (CliUsageException exception)
        {
            return new Target(null, $"{named}, which cannot be written here ({exception.Message})");
        }
    }

    /// <summary>Saves <paramref name="content"/> in a new file of its own (readable by the user only) in the current
    /// folder, or the temporary folder when the current one takes no file; returns its path.</summary>
    private async Task<string> KeepAsync(byte[] content, CancellationToken cancellationToken)
    {
        foreach (var folder in new[] { _environment.CurrentDirectory, Path.GetTempPath() })
        {
            var path = Path.Combine(folder, $"tigress-received-{Guid.NewGuid().ToString("N")[..12]}");
            try
            {
                using var file = OutputFile.Prepare(path, overwrite: false);
                await file.CommitAsync(content, cancellationToken).ConfigureAwait(false);
                return path;
            }
            catch (Exception exception) when (exception is CliUsageException or IOException or UnauthorizedAccessException)
            {
                // Try the next folder.
            }
        }

        throw new CliUsageException("received, but neither the current folder nor the temporary folder takes a new file; the credential could not be kept.");
    }

    private async Task<int> DeliverToFileAsync(byte[] content, OutputFile target, bool json, CancellationToken cancellationToken)
    {
        try
        {
            await target.CommitAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Received, and the sender has deleted the share: the credential exists only here now. Never lose it.
            var kept = target.KeptAt;
            if (kept is null)
            {
                await WriteToStandardOutputAsync(content, json, cancellationToken).ConfigureAwait(false);
            }

            return Fail(
                new CliFailure(
                    ExitCodes.InvalidUsage,
                    "output-failed",
                    kept is null
                        ? $"--out: received, but cannot write '{target.Path}' ({exception.Message}); the credential was written to standard output instead."
                        : $"--out: received, but cannot move it into '{target.Path}' ({exception.Message}); the credential is kept in '{kept}'."),
                json);
        }

        if (json)
        {
            Interaction.WriteOutputLine(new CliEvent { Event = "completed", Bytes = content.Length, Out = target.Path }.ToJson());
        }
        else if (Interaction.IsInteractive)
        {
            Interaction.DisplayMessage($"Received {content.Length} bytes into {target.Path}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>Where a received credential goes: a file, or a refusal to use the name the sender gave.</summary>
    private sealed record Target(OutputFile? File, string? Refused) : IDisposable
    {
        public void Dispose() => File?.Dispose();
    }

    private async Task WriteToStandardOutputAsync(byte[] content, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            Interaction.WriteOutputLine(new CliEvent { Event = "completed", Bytes = content.Length, Content = content }.ToJson());
        }
        else
        {
            await Interaction.WriteOutputAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }

    private int End(bool json, CliEvent line, string message, int exitCode)
    {
        Interaction.DisplayError($"tigress {Name}: {message}");
        if (json)
        {
            Interaction.WriteOutputLine(line.ToJson());
        }

        return exitCode;
    }
}

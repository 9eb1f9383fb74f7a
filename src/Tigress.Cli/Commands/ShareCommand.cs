using System.CommandLine;
using System.Globalization;
using System.Text;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Client;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Provisioning;
using Tigress.Protocol.Wire;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress share</c>: creates a mailbox on a relay (or stores the first message in an HTTP dropbox), prints the
/// share URL (or invitation URL) as the first line of standard output (and with <c>--pin</c> the PIN as the second,
/// <c>PIN: 1234567</c>, with a line on standard error that says which PIN protection the share got), and on a terminal
/// the command the recipient runs; then runs the initiator's side until the transfer completes, is cancelled or
/// expires. Ctrl-C cancels the share (the recipient is told where the binding allows, the link stops working) before
/// exiting.
/// </summary>
internal sealed class ShareCommand : BaseCommand
{
    // The same neutral words as the share page's: they show in chat previews and above the Receive button.
    private const string DefaultTitle = "Something was shared with you";
    private const string DefaultDescription = "Open this link to receive it. It can be opened once, on one device.";

    // A reserved name that never resolves: the relay needs an absolute https image URL, and shows its own preview
    // image in place of one under .invalid.
    private const string DefaultImage = "https://tigress.invalid/credential.png";

    private static readonly Option<string?> s_relay = new("--relay")
    {
        Description = "The relay's base URL; with --binding dropbox, the dropbox base URL of any HTTP server (a relay's root means its /d/). "
            + "https; plain http only to a loopback address. "
            + $"[default: ${UserSettings.RelayVariable}, else \"relay\" in ~/.config/tigress/config.json (under $XDG_CONFIG_HOME when set)]",
        HelpName = "URL",
    };

    // The most a share carries: what a receiving client accepts in one answer (1 MiB); relays take less (64 KiB by default).
    internal const int MaxContentBytes = 1024 * 1024;

    // The size limit as --help states it: static text, since help asks no relay.
    internal static readonly string SizeLimitHelp =
        "The relay decides the size: it advertises its limit at GET /v1 (maxPayloadBytes, 65536 bytes of sealed payload by default), "
        + "share reads it before uploading anything and refuses content that would not fit once encoded and encrypted, naming the largest that does; "
        + $"never more than {MaxContentBytes} bytes.";

    private static readonly Option<string?> s_text = new("--text")
    {
        Description = "Share this text. '-' reads it from standard input (one trailing newline dropped), which keeps the secret out of the process list. " + SizeLimitHelp,
        HelpName = "S|-",
    };

    private static readonly Option<string?> s_file = new("--file")
    {
        Description = "Share the contents of this file; its name goes with it, for the recipient to save it under. "
            + "'-' reads the contents from standard input, byte for byte, and sends no name. " + SizeLimitHelp,
        HelpName = "F|-",
    };

    private static readonly Option<string?> s_title = new("--title") { Description = $"Preview title [default: {DefaultTitle}]", HelpName = "T" };

    private static readonly Option<string?> s_description = new("--description") { Description = "Preview description.", HelpName = "D" };

    private static readonly Option<string?> s_image = new("--image") { Description = "Preview image, an absolute https URL.", HelpName = "URL" };

    private static readonly Option<string?> s_vertical = new("--vertical")
    {
        Description = "The link's hint for the receiving app: a (general access), h (home key), c (car key) [default: the format's own]",
        HelpName = "a|h|c",
    };

    private static readonly Option<string> s_format = new("--format")
    {
        Description = "The credential format.",
        HelpName = "NAME",
        DefaultValueFactory = _ => AuthorizationTokenVertical.FormatName,
    };

    private static readonly Option<string> s_binding = new("--binding")
    {
        Description = "How the two devices meet.",
        HelpName = "mailbox|dropbox",
        DefaultValueFactory = _ => "mailbox",
    };

    private static readonly Option<string?> s_suite = new("--suite")
    {
        Description = "With --binding dropbox: the TLS 1.3 cipher suite, 1301 (AES-128-GCM), 1302 (AES-256-GCM) or 1303 (ChaCha20-Poly1305) [default: 1301]",
        HelpName = "1301|1302|1303",
    };

    private static readonly Option<bool> s_pin = new("--pin")
    {
        Description = "Protect the share with a PIN, printed as the second line (PIN: 1234567): tell it to the recipient by voice or in person. "
            + "Where the relay offers it, the relay counts wrong PINs and locks the share after --pin-guesses of them (relay-assisted: the recipient "
            + "can receive while this computer is off); elsewhere this computer checks the one guess the recipient gets (SPAKE2: keep share running).",
    };

    private static readonly Option<bool> s_pinSpake2 = new("--pin-spake2")
    {
        Description = "Use the SPAKE2 PIN even where the relay counts guesses: this computer checks the recipient's one guess, so share must "
            + "run until the recipient has the credential, and the first wrong PIN ends the share; implies --pin.",
    };

    private static readonly Option<int?> s_pinGuesses = new("--pin-guesses")
    {
        Description = $"Relay-assisted PIN: the wrong PINs the relay allows before it locks the share, 1 to {RelayPin.MaxGuesses}, and at most "
            + "10^(digits - 6), so that a guesser's chance stays at one in a million or less; implies --pin, and fails on a relay "
            + $"that does not count guesses [default: {RelayPin.DefaultGuesses}; 1 with a 6-digit PIN]",
        HelpName = "N",
        CustomParser = result => NumberOrError(result, $"--pin-guesses must be a number from 1 to {RelayPin.MaxGuesses}."),
    };

    private static readonly Option<int?> s_pinLength = new("--pin-length")
    {
        Description = $"Digits in the PIN, {Pin.MinimumLength} to {Pin.MaximumLength}; implies --pin [default: {Pin.DefaultLength}]",
        HelpName = "N",
        CustomParser = result => NumberOrError(result, $"--pin-length must be a number from {Pin.MinimumLength} to {Pin.MaximumLength}."),
    };

    private static readonly Option<string?> s_expires = new("--expires")
    {
        Description = "How long the share stays open, e.g. 30m, 2h, 2d [default: the relay's maximum]",
        HelpName = "DURATION",
    };

    private static readonly Option<bool> s_noQr = new("--no-qr")
    {
        Description = "On a terminal, show no QR code of the link (it is never shown off a terminal or with --json).",
    };

    private readonly TigressClient _client;
    private readonly CliEnvironment _environment;

    static ShareCommand()
    {
        s_vertical.AcceptOnlyFromAmong("a", "h", "c");
        s_binding.AcceptOnlyFromAmong("mailbox", "dropbox");
        s_suite.AcceptOnlyFromAmong("1301", "1302", "1303");
    }

    public ShareCommand(IInteractionService interaction, TigressClient client, CliEnvironment environment)
        : base("share", "Share a credential: print a link for the recipient and wait until it is received.", interaction)
    {
        _client = client;
        _environment = environment;
        Options.Add(s_relay);
        Options.Add(s_text);
        Options.Add(s_file);
        Options.Add(s_title);
        Options.Add(s_description);
        Options.Add(s_image);
        Options.Add(s_vertical);
        Options.Add(s_format);
        Options.Add(s_binding);
        Options.Add(s_suite);
        Options.Add(s_pin);
        Options.Add(s_pinSpake2);
        Options.Add(s_pinGuesses);
        Options.Add(s_pinLength);
        Options.Add(s_expires);
        Options.Add(s_noQr);
        Options.Add(JsonOption);
        Validators.Add(result =>
        {
            if ((result.GetResult(s_text) is null) == (result.GetResult(s_file) is null))
            {
                result.AddError("Give exactly one of --text or --file.");
            }
        });
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(JsonOption);
        var dropbox = parseResult.GetValue(s_binding) == "dropbox";
        var pinSettings = PinSettings.From(
            parseResult.GetValue(s_pin), parseResult.GetValue(s_pinSpake2), parseResult.GetValue(s_pinGuesses), parseResult.GetValue(s_pinLength), dropbox);
        var pin = pinSettings?.NewPin();
        var request = await ReadRequestAsync(parseResult, dropbox, pin, pinSettings, cancellationToken).ConfigureAwait(false);
        var reporter = new TransferReporter(Interaction, json);
        reporter.Hold();
        var options = new TransferSessionOptions { EventOccurred = reporter.OnEvent, Verticals = Verticals(parseResult) };
        TransferSession session;
        try
        {
            session = await TransferSession.ShareAsync(_client, request, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException(CliUsageException.MessageOf(exception));
        }

        using (session)
        {
            try
            {
                // A relay that is slow to answer shows a spinner, not a silent terminal.
                var link = json || !Interaction.IsInteractive
                    ? await CreateLinkAsync(session, reporter, cancellationToken).ConfigureAwait(false)
                    : await Interaction.ShowProgressAsync("Creating the share at the relay…", async progress =>
                    {
                        reporter.Progress = progress;
                        try
                        {
                            return await CreateLinkAsync(session, reporter, cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            // The display ends with this phase; a later event must not draw on it.
                            reporter.Progress = SilentProgress.Instance;
                        }
                    }).ConfigureAwait(false);
                Announce(link, pin is null ? null : new PinAnnouncement(pin, session.PinProtection, pinSettings!, dropbox), json, dropbox, qr: !parseResult.GetValue(s_noQr));
                reporter.Release();
                var result = json || !Interaction.IsInteractive
                    ? await session.RunAsync(cancellationToken).ConfigureAwait(false)
                    : await Interaction.ShowProgressAsync("Waiting for the recipient to open the link…", progress =>
                    {
                        reporter.Progress = progress;
                        return session.RunAsync(cancellationToken);
                    }).ConfigureAwait(false);
                return Report(result, json);
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not TransferException)
            {
                // Interrupted (Ctrl-C, SIGHUP, SIGTERM). Whatever surfaced (the cancellation, or the progress display
                // failing on a terminal that was just closed), the share is cancelled before the process ends.
                return await CancelAsync(session, json).ConfigureAwait(false);
            }
            catch (TransferException exception) when (!HasLink(session))
            {
                // The create never succeeded: no link went out, so there is nothing to cancel or to warn about.
                var failure = CliFailure.From(exception);
                return Fail(failure with { Message = failure.Message + " Nothing was shared." }, json);
            }
            catch (TransferException exception) when (session.Status == TransferStatus.Active && HasLink(session))
            {
                // Giving up while the link is out: cancel the share, or say plainly that the link still works.
                var failure = CliFailure.From(exception);
                var cancelled = await TryCancelAsync(session).ConfigureAwait(false);
                return Fail(
                    failure with
                    {
                        Message = failure.Message + (cancelled
                            ? " The share is cancelled: the link no longer works."
                            : " The share could not be cancelled: the link still works until it expires."),
                    },
                    json);
            }
        }
    }

    private static async Task<string> CreateLinkAsync(TransferSession session, TransferReporter reporter, CancellationToken cancellationToken)
    {
        using var link = await SlowRelay.WatchAsync(
            session.GetLinkAsync(cancellationToken),
            reporter.Notice,
            "No answer from the relay yet; still trying. Nothing is shared until the link is printed; Ctrl-C gives up.",
            cancellationToken).ConfigureAwait(false);
        return link.Reveal();
    }

    private static bool HasLink(TransferSession session)
    {
        using var link = session.GetLink();
        return link is not null;
    }

    private void Announce(string link, PinAnnouncement? pin, bool json, bool dropbox, bool qr)
    {
        Interaction.WriteOutputLine(json ? new CliEvent { Event = "shared", Url = link }.ToJson() : link);
        if (pin is not null)
        {
            // The second line, labelled: on a terminal a bare number under a wrapped link reads as its last piece.
            Interaction.WriteOutputLine(json
                ? new CliEvent { Event = "pin", Pin = pin.Pin, Protection = pin.ProtectionName, Guesses = pin.Guesses }.ToJson()
                : $"PIN: {pin.Pin}");
            if (!json)
            {
                // Off a terminal as well: a script's log should say whether the sender must stay online.
                Interaction.DisplayNotice(pin.Describe());
            }
        }

        if (!json && Interaction.IsInteractive)
        {
            // Only on a terminal, which already shows the link and its QR code; never in a redirected log.
            if (qr)
            {
                Interaction.DisplayQrCode(link);
            }

            Interaction.DisplayMessage("On the other computer, please run:");
            Interaction.DisplayMessage("");
            Interaction.DisplayCopyableLine($"    tigress receive {ShellQuote(link)}");
            Interaction.DisplayMessage("");
            Interaction.DisplayMessage(dropbox
                ? "or open the link in a Tigress wallet app."
                : "or open the link in a Tigress wallet app, or in a browser for the relay's page about the share.");
            Interaction.DisplayMessage(pin switch
            {
                null => "Send the link above to the recipient, and only to them. Ctrl-C cancels the share.",
                { Protection: PinProtection.RelayAssisted } =>
                    "Send the link above to the recipient. Tell them the PIN (the line under the link) by voice or in person, never in the same message as the link. Ctrl-C cancels the share.",
                _ => "Send the link above to the recipient. Tell them the PIN (the line under the link) by voice or in person, never in the same message as the link: whoever tries a wrong PIN ends the share. Ctrl-C cancels the share.",
            });
        }
    }

    // A POSIX shell word: an invitation's fragment holds '&', which a shell would take as "run in the background".
    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A number option's value, or an error in our own words instead of the parser's, which names a .NET type.</summary>
    private static int? NumberOrError(System.CommandLine.Parsing.ArgumentResult result, string error)
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        result.AddError(error);
        return null;
    }

    private int Report(TransferResult result, bool json)
    {
        switch (result.Status)
        {
            case TransferStatus.Completed:
                if (json)
                {
                    Interaction.WriteOutputLine(new CliEvent { Event = "completed" }.ToJson());
                }
                else if (Interaction.IsInteractive)
                {
                    Interaction.DisplayMessage("Done: the recipient has the credential, and the link no longer works.");
                }

                return ExitCodes.Success;

            case TransferStatus.Cancelled:
                return End(json, new CliEvent { Event = "cancelled", By = "peer", Reason = result.CancelReason }, $"The recipient cancelled the share: {result.CancelReason}");

            default:
                return End(json, new CliEvent { Event = "expired", Claimed = result.PeerSeen }, "The share expired before the recipient completed it.");
        }
    }

    private async Task<int> CancelAsync(TransferSession session, bool json)
    {
        if (!HasLink(session))
        {
            // Interrupted before the relay gave a link: nobody has one, so nothing can be received.
            End(json, new CliEvent { Event = "interrupted" }, "Interrupted: nothing was shared.");
            return ExitCodes.Interrupted;
        }

        if (await TryCancelAsync(session).ConfigureAwait(false))
        {
            End(json, new CliEvent { Event = "cancelled", By = "self" }, "Interrupted: the share is cancelled and the link no longer works.");
        }
        else
        {
            End(json, new CliEvent { Event = "interrupted" }, "Interrupted, but the relay could not be told: the link works until the share expires.");
        }

        return ExitCodes.Interrupted;
    }

    /// <summary>Cancels the share at the relay within a bounded time; false when the relay could not be told.</summary>
    private static async Task<bool> TryCancelAsync(TransferSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await session.CancelAsync("The sender cancelled the share.", timeout.Token).ConfigureAwait(false);
            return session.Status != TransferStatus.Active;
        }
        catch (Exception exception) when (exception is TransferException or OperationCanceledException)
        {
            return false;
        }
    }

    private int End(bool json, CliEvent line, string message)
    {
        Interaction.DisplayError($"tigress {Name}: {message}");
        if (json)
        {
            Interaction.WriteOutputLine(line.ToJson());
        }

        return ExitCodes.ExpiredOrCancelled;
    }

    private async Task<ShareRequest> ReadRequestAsync(ParseResult parseResult, bool dropbox, string? pin, PinSettings? pinSettings, CancellationToken cancellationToken)
    {
        var suite = parseResult.GetValue(s_suite);
        if (suite is not null && !dropbox)
        {
            throw new CliUsageException("--suite applies to --binding dropbox only; a mailbox share always uses AES-GCM.");
        }

        var (relay, source) = RelayOf(parseResult);
        if (!RelayAddress.TryParse(relay, out var address, out var error))
        {
            throw new CliUsageException(RelayAddress.Describe(error, source));
        }

        var relayUri = address.Uri;

        if (dropbox)
        {
            // A relay's root stands for its /d/; any other URL is the dropbox folder itself.
            relayUri = await _client.Dropbox.ResolveBaseAsync(relayUri, cancellationToken).ConfigureAwait(false);
        }

        var format = parseResult.GetValue(s_format)!;
        if (!CredentialVerticals.Default.Any(v => v.Format == format))
        {
            throw new CliUsageException($"--format must be one of: {string.Join(", ", CredentialVerticals.Default.Select(v => v.Format))}.");
        }

        var image = parseResult.GetValue(s_image) ?? DefaultImage;
        if (!Uri.TryCreate(image, UriKind.Absolute, out var imageUri) || imageUri.Scheme != Uri.UriSchemeHttps)
        {
            throw new CliUsageException("--image must be an absolute https URL.");
        }

        DateTimeOffset? expiration = null;
        if (parseResult.GetValue(s_expires) is { } expires)
        {
            if (!DurationParser.TryParse(expires, out var lifetime))
            {
                throw new CliUsageException($"--expires: '{expires}' is not a duration like 30m, 2h or 2d.");
            }

            if (lifetime > DurationParser.Longest)
            {
                throw new CliUsageException($"--expires: '{expires}' is longer than any relay keeps a share; leave it out for the relay's maximum.");
            }

            expiration = DateTimeOffset.UtcNow + lifetime;
        }

        return new ShareRequest
        {
            RelayUri = relayUri,
            Binding = dropbox ? TransferBinding.Dropbox : TransferBinding.Mailbox,
            Format = format,
            Content = await ReadContentAsync(parseResult, Interaction, cancellationToken).ConfigureAwait(false),
            DisplayInformation = new DisplayInformation(
                parseResult.GetValue(s_title) ?? DefaultTitle,
                parseResult.GetValue(s_description) ?? DefaultDescription,
                imageUri),
            ShareVertical = parseResult.GetValue(s_vertical) is { } vertical ? (ShareVertical)vertical[0] : null,
            Expiration = expiration,
            Suite = suite is null ? null : TigressSuite.FromId((TigressSuiteId)Convert.ToUInt16(suite, 16)),
            Pin = pin.AsMemory(),
            PinMode = pinSettings?.Mode ?? PinMode.Automatic,
            PinGuesses = pinSettings?.Guesses,
        };
    }

    /// <summary>The verticals; a shared file's base name travels with the generic vertical's token, so the
    /// recipient can save it under the same name.</summary>
    private static IReadOnlyList<ICredentialVertical> Verticals(ParseResult parseResult)
    {
        if (parseResult.GetValue(s_file) is not { } file || file == "-" || Path.GetFileName(PathOption.FullPath(file, "--file")) is not { Length: > 0 } name)
        {
            return CredentialVerticals.Default;
        }

        var named = new AuthorizationTokenVertical(name);
        return [.. CredentialVerticals.Default.Select(v => v.Format == named.Format ? named : v)];
    }

    /// <summary>The relay to share through and where it was named: <c>--relay</c>, else the person's default.</summary>
    private (string Relay, string Source) RelayOf(ParseResult parseResult)
    {
        if (parseResult.GetValue(s_relay) is { } relay)
        {
            return (relay, "--relay");
        }

        return UserSettings.DefaultRelay(_environment)
            ?? throw new CliUsageException(
                $"no relay given: add --relay URL, set {UserSettings.RelayVariable}=URL, or write {{\"relay\": \"URL\"}} to {UserSettings.ConfigPath(_environment)}.");
    }

    private static async Task<byte[]> ReadContentAsync(ParseResult parseResult, IInteractionService interaction, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(s_text) is { } text)
        {
            if (text != "-")
            {
                return Encoding.UTF8.GetBytes(text);
            }

            var input = await interaction.ReadInputAsync(MaxContentBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new CliUsageException($"--text -: standard input holds more than {MaxContentBytes} bytes, the most a share carries.");
            return DropFinalNewline(input);
        }

        if (parseResult.GetValue(s_file) == "-")
        {
            // Unlike --text -, nothing is dropped: a file's last newline is part of it.
            return await interaction.ReadInputAsync(MaxContentBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new CliUsageException($"--file -: standard input holds more than {MaxContentBytes} bytes, the most a share carries.");
        }

        var file = PathOption.FullPath(parseResult.GetValue(s_file)!, "--file");
        if (Directory.Exists(file))
        {
            throw new CliUsageException($"--file: '{file}' is a folder; give a file.");
        }

        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                // A device or a pipe may never end: read one byte past the limit, not the whole thing.
                return await BoundedInput.ReadAsync(stream, MaxContentBytes, cancellationToken).ConfigureAwait(false)
                    ?? throw new CliUsageException($"--file: '{file}' is larger than {MaxContentBytes} bytes, the most a share carries.");
            }
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"--file: '{file}' does not exist.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliUsageException($"--file: the folder of '{file}' does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUsageException($"--file: you may not read '{file}' (permission denied).");
        }
        catch (IOException exception)
        {
            throw new CliUsageException($"--file: cannot read '{file}': {exception.Message}");
        }
    }

    // What `echo secret | tigress share --text -` adds; the text itself is kept byte for byte.
    private static byte[] DropFinalNewline(byte[] input) => input switch
    {
        [.., (byte)'\r', (byte)'\n'] => input[..^2],
        [.., (byte)'\n'] => input[..^1],
        _ => input,
    };
}

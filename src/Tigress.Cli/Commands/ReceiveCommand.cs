using System.CommandLine;
using Tigress.Cli.Interaction;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress receive SHARE_URL</c>: claims the share (a mailbox share URL, or a dropbox invitation URL, recognised by
/// a fragment that starts with <c>v=</c>), decrypts it, plays the recipient's side of its vertical and writes the
/// credential to <c>--out</c> or standard output.
/// </summary>
internal sealed class ReceiveCommand : BaseCommand
{
    private static readonly Argument<string> s_url = new("SHARE_URL") { Description = "The link the sender gave you (a share URL or a dropbox invitation)." };

    private static readonly Option<string?> s_pin = new("--pin") { Description = "The PIN the sender told you, for a PIN-protected share.", HelpName = "PIN" };

    private static readonly Option<string?> s_out = new("--out")
    {
        Description = "Write the credential to this file (readable by you only) instead of standard output.",
        HelpName = "FILE",
    };

    private readonly MailboxClient _client;
    private readonly DropboxClient _dropbox;

    public ReceiveCommand(IInteractionService interaction, MailboxClient client, DropboxClient dropbox)
        : base("receive", "Receive a credential from a share link.", interaction)
    {
        _client = client;
        _dropbox = dropbox;
        Arguments.Add(s_url);
        Options.Add(s_pin);
        Options.Add(s_out);
        Options.Add(JsonOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(JsonOption);
        var output = parseResult.GetValue(s_out) is { } path ? Path.GetFullPath(path) : null;
        if (output is not null && !Directory.Exists(Path.GetDirectoryName(output)))
        {
            throw new CliUsageException($"--out: the folder of '{output}' does not exist.");
        }

        var reporter = new TransferReporter(Interaction, json);
        using var session = Open(parseResult, new TransferSessionOptions { EventOccurred = reporter.OnEvent });
        TransferResult result;
        try
        {
            result = json || !Interaction.IsInteractive
                ? await session.RunAsync(cancellationToken).ConfigureAwait(false)
                : await Interaction.ShowProgressAsync("Claiming the share…", progress =>
                {
                    reporter.Progress = progress;
                    return session.RunAsync(cancellationToken);
                }).ConfigureAwait(false);
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
            TransferStatus.Completed => await DeliverAsync(result.Content!, output, json, cancellationToken).ConfigureAwait(false),
            TransferStatus.Cancelled => End(
                json,
                new CliEvent { Event = "cancelled", By = "peer", Reason = result.CancelReason },
                $"The sender cancelled the share: {result.CancelReason}",
                ExitCodes.ExpiredOrCancelled),

            // The relay answers the same for a share that expired, was cancelled, or was received and deleted.
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

    /// <summary>The receiving session for the link: a dropbox invitation when its fragment starts with <c>v=</c>
    /// (a share URL's fragment is a base64url key, which never holds <c>=</c> there), otherwise a mailbox share URL.</summary>
    private TransferSession Open(ParseResult parseResult, TransferSessionOptions options)
    {
        var link = parseResult.GetValue(s_url)!;
        var fragment = link.IndexOf('#', StringComparison.Ordinal);
        try
        {
            if (fragment >= 0 && link.AsSpan(fragment + 1).StartsWith("v=", StringComparison.Ordinal))
            {
                if (parseResult.GetValue(s_pin) is not null)
                {
                    throw new CliUsageException("PIN-protected shares cannot be received by this version yet.");
                }

                using var invitation = DropboxInvitation.Parse(link);
                return TransferSession.Receive(_dropbox, invitation, options);
            }

            using var url = ShareUrl.Parse(link);
            if (url.RequiresPin || parseResult.GetValue(s_pin) is not null)
            {
                throw new CliUsageException("PIN-protected shares cannot be received by this version yet.");
            }

            return TransferSession.Receive(_client, url, options);
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException(exception.Message);
        }
    }

    private async Task<int> DeliverAsync(byte[] content, string? output, bool json, CancellationToken cancellationToken)
    {
        if (output is null)
        {
            if (json)
            {
                Interaction.WriteOutputLine(new CliEvent { Event = "completed", Bytes = content.Length, Content = content }.ToJson());
            }
            else
            {
                await Interaction.WriteOutputAsync(content, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }

        await WritePrivateFileAsync(output, content, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            Interaction.WriteOutputLine(new CliEvent { Event = "completed", Bytes = content.Length, Out = output }.ToJson());
        }
        else if (Interaction.IsInteractive)
        {
            Interaction.DisplayMessage($"Received {content.Length} bytes into {output}.");
        }

        return ExitCodes.Success;
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

    // Written beside the target and moved into place, so a reader never sees half a credential; readable by the
    // user only, since it is one.
    private static async Task WritePrivateFileAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new CliUsageException($"--out: cannot write '{path}': {exception.Message}");
        }
    }
}

using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Protocol;
using Tigress.Protocol.Dropbox;

namespace Tigress.Cli.Commands;

/// <summary>A failure as the user sees it: an exit code, a stable code for JSON output, and one line of text.</summary>
internal sealed record CliFailure(int ExitCode, string Code, string Message)
{
    /// <summary>A wrong relay-assisted PIN: the guesses the relay still allows, 0 once it locked the share.</summary>
    public int? GuessesLeft { get; init; }

    /// <summary>Maps what a command can throw to what it tells the user. Messages come from this project's own
    /// exceptions, which never carry secrets.</summary>
    public static CliFailure From(Exception exception) => exception switch
    {
        CliUsageException usage => new(ExitCodes.InvalidUsage, "invalid-usage", usage.Message),
        State.ShareStateException state => new(state.ExitCode, state.Code, state.Message),
        TransferException transfer => FromTransfer(transfer),
        MailboxException { Error: MailboxError.RelayUnreachable } unreachable => Unreachable(unreachable),
        MailboxException mailbox => new(ExitCodes.RelayRefused, "relay-refused", mailbox.Message),
        TigressProtocolException { ErrorCode: ProtocolErrorCodes.MalformedUrl } protocol =>
            new(ExitCodes.InvalidUsage, "invalid-link", protocol.Message),
        TigressProtocolException { ErrorCode: ProtocolErrorCodes.UnsupportedAlgorithm or DropboxErrorCodes.MissingParameter or DropboxErrorCodes.DuplicateParameter
            or DropboxErrorCodes.UnknownParameter or DropboxErrorCodes.UnsupportedVersion } protocol =>
            new(ExitCodes.InvalidUsage, "invalid-link", protocol.Message),
        TigressProtocolException { ErrorCode: ProtocolErrorCodes.InvalidSecret } protocol =>
            new(ExitCodes.DecryptionFailed, "damaged-link", protocol.Message + " The link may be damaged or cut short."),
        TigressProtocolException protocol => new(ExitCodes.DecryptionFailed, "decryption-failed", protocol.Message),
        NotSupportedException notSupported => new(ExitCodes.InvalidUsage, "not-supported", notSupported.Message),
        _ => new(ExitCodes.UnexpectedError, "unexpected", $"unexpected error ({exception.GetType().Name}): {exception.Message}"),
    };

    public static CliFailure PinRequired(string message) => new(ExitCodes.PinRequired, "pin-required", message);

    public static CliFailure Unreachable(Exception? exception = null) => IsSecureConnectionFailure(exception)
        ? new(ExitCodes.RelayUnreachable, "secure-connection-failed",
            "Could not set up a secure (https) connection to the relay: it may speak plain http on that port (then use http:// for a loopback address), or its certificate is not trusted.")
        : new(ExitCodes.RelayUnreachable, "relay-unreachable", "The relay could not be reached. Check the address and your connection, then try again.");

    /// <summary>The TLS handshake failed somewhere under <paramref name="exception"/>: reachable, but not over https.</summary>
    private static bool IsSecureConnectionFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    private static CliFailure FromTransfer(TransferException exception) => exception.Error switch
    {
        TransferError.AlreadyClaimed => new(ExitCodes.AlreadyClaimed, "already-claimed", exception.Message),
        TransferError.DecryptionFailed => new(ExitCodes.DecryptionFailed, "decryption-failed", exception.Message),
        TransferError.RelayUnreachable => Unreachable(exception),
        TransferError.RelayRefused => new(ExitCodes.RelayRefused, "relay-refused", exception.Message),
        TransferError.PreviewMismatch => new(ExitCodes.VerificationFailed, "preview-mismatch", exception.Message),
        TransferError.UnsupportedFormat => new(ExitCodes.VerificationFailed, "unsupported-format", exception.Message),
        TransferError.VerificationFailed => new(ExitCodes.VerificationFailed, "verification-failed", exception.Message),
        TransferError.WrongPin when exception.GuessesLeft == 0 => new(ExitCodes.WrongPin, "pin-locked", exception.Message) { GuessesLeft = 0 },
        TransferError.WrongPin => new(ExitCodes.WrongPin, "wrong-pin", exception.Message) { GuessesLeft = exception.GuessesLeft },
        TransferError.PinRequired => PinRequired(exception.Message),
        _ => new(ExitCodes.VerificationFailed, "protocol-violation", exception.Message),
    };
}

namespace Tigress.Cli;

/// <summary>
/// The process exit codes of the <c>tigress</c> command. Only a completed transfer (or a relay that stopped
/// cleanly) exits with <see cref="Success"/>; every other outcome has its own code and one line on standard error.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The transfer completed (or the relay stopped cleanly).</summary>
    public const int Success = 0;

    /// <summary>Something unexpected went wrong.</summary>
    public const int UnexpectedError = 1;

    /// <summary>The command line or its input is wrong: a missing option, an unreadable file, a link that is not a share URL.</summary>
    public const int InvalidUsage = 2;

    /// <summary>Another device claimed the share first.</summary>
    public const int AlreadyClaimed = 3;

    /// <summary>The share expired or was cancelled (by either side), or is no longer available.</summary>
    public const int ExpiredOrCancelled = 4;

    /// <summary>The share could not be decrypted: a wrong or damaged link, or altered data.</summary>
    public const int DecryptionFailed = 5;

    /// <summary>The relay could not be reached.</summary>
    public const int RelayUnreachable = 6;

    /// <summary>A check failed: the relay changed the preview, a signature did not verify, or the other side broke the protocol.</summary>
    public const int VerificationFailed = 7;

    /// <summary>The relay refused a request: rate limited, too large, or its own failure.</summary>
    public const int RelayRefused = 8;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT); a share is cancelled at the relay first.</summary>
    public const int Interrupted = 130;
}

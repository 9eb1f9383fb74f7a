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

    /// <summary>A wrong PIN: for <c>receive</c>, the PIN was wrong; for <c>share</c>, someone tried a wrong PIN and the
    /// share ended. A SPAKE2 share has ended at the first wrong PIN; a relay-assisted one only once the relay locked it
    /// (the message says how many tries are left).</summary>
    public const int WrongPin = 9;

    /// <summary>The share is protected by a PIN and none was given, with no terminal to ask on. Nothing was claimed.</summary>
    public const int PinRequired = 10;

    /// <summary><c>status</c>, <c>cancel</c>, <c>share --resume</c>: no share saved on this computer has that link or id.</summary>
    public const int UnknownShare = 11;

    /// <summary>A saved share's state file is damaged, cut short, not a tigress state file, or from a newer tigress.</summary>
    public const int StateFileUnusable = 12;

    /// <summary><c>cancel</c>, <c>share --resume</c>: another tigress process is running that share.</summary>
    public const int ShareInUse = 13;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT); a share is cancelled at the relay first.</summary>
    public const int Interrupted = 130;

    /// <summary>Every code with its meaning in a few words, for <c>--help</c> (a test holds it to the constants above).</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Table { get; } =
    [
        (Success, "the transfer completed (or the relay stopped cleanly)"),
        (UnexpectedError, "something unexpected went wrong"),
        (InvalidUsage, "wrong command line or input"),
        (AlreadyClaimed, "another device claimed the share first"),
        (ExpiredOrCancelled, "the share expired, was cancelled or is gone"),
        (DecryptionFailed, "the share could not be decrypted (wrong or damaged link)"),
        (RelayUnreachable, "the relay could not be reached"),
        (VerificationFailed, "a check failed (preview changed, bad signature, protocol broken)"),
        (RelayRefused, "the relay refused (rate limited, too large, its own failure)"),
        (WrongPin, "a wrong PIN was tried; the share has ended, unless tries are left"),
        (PinRequired, "the share needs a PIN and there is no terminal to ask on"),
        (UnknownShare, "no share saved on this computer has that link or id"),
        (StateFileUnusable, "a saved share's state file is damaged or not tigress's"),
        (ShareInUse, "another tigress process is running that share"),
        (Interrupted, "interrupted (Ctrl-C); a share is cancelled first"),
    ];

    /// <summary>The exit code table, once, as the end of the root command's help description.</summary>
    public static string HelpText { get; } =
        "\n\nExit codes:\n" + string.Join("\n", Table.Select(e => $"  {e.Code,3}  {e.Meaning}"));

    /// <summary>The end of each subcommand's help description: a pointer to the one table, which would otherwise repeat
    /// under every command.</summary>
    public const string SeeRootHelp = "\n\nExit codes: see tigress --help.";
}

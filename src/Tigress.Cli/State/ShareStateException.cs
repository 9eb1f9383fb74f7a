namespace Tigress.Cli.State;

/// <summary>A saved share cannot be used: unknown, its file unreadable, or in use by another process. The message is
/// one plain line that names the file or the share, never its secret.</summary>
internal sealed class ShareStateException(int exitCode, string code, string message) : Exception(message)
{
    /// <summary>One of the <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The stable code of <c>--json</c> errors.</summary>
    public string Code { get; } = code;

    public static ShareStateException Unusable(string message) => new(ExitCodes.StateFileUnusable, "state-file-unusable", message);

    public static ShareStateException Unknown(string message) => new(ExitCodes.UnknownShare, "unknown-share", message);

    public static ShareStateException InUse(string message) => new(ExitCodes.ShareInUse, "share-in-use", message);
}

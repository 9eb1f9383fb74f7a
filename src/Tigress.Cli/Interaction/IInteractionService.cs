namespace Tigress.Cli.Interaction;

/// <summary>
/// All console input and output of the commands: results on standard output, human messages, the QR code and live
/// progress on standard error. Tests replace it to capture both streams.
/// </summary>
internal interface IInteractionService
{
    /// <summary>True when standard error is a terminal, where a QR code and live progress make sense.</summary>
    bool IsInteractive { get; }

    /// <summary>Writes one line to standard output and flushes it at once.</summary>
    void WriteOutputLine(string line);

    /// <summary>Writes raw bytes to standard output and flushes them.</summary>
    Task WriteOutputAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Writes one plain line to standard error: the reason a command failed.</summary>
    void DisplayError(string message);

    /// <summary>Writes a human-readable message to standard error; the text is shown as is, never as markup.</summary>
    void DisplayMessage(string message);

    /// <summary>Draws <paramref name="text"/> as a QR code on standard error.</summary>
    void DisplayQrCode(string text);

    /// <summary>Runs <paramref name="work"/> while showing live progress on standard error (on a terminal).</summary>
    Task<T> ShowProgressAsync<T>(string status, Func<IProgressDisplay, Task<T>> work);
}

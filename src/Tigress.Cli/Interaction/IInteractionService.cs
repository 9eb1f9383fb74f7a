namespace Tigress.Cli.Interaction;

/// <summary>
/// All console input and output of the commands: results on standard output, human messages, the QR code and live
/// progress on standard error. Tests replace it to capture both streams.
/// </summary>
internal interface IInteractionService
{
    /// <summary>True when standard error is a terminal, where a QR code and live progress make sense.</summary>
    bool IsInteractive { get; }

    /// <summary>True when standard output is a terminal, where binary content must never go.</summary>
    bool IsOutputTerminal { get; }

    /// <summary>True when standard input is a terminal, so a secret can be asked for without echo.</summary>
    bool CanPromptSecret { get; }

    /// <summary>Writes one line to standard output and flushes it at once.</summary>
    void WriteOutputLine(string line);

    /// <summary>Writes raw bytes to standard output and flushes them.</summary>
    Task WriteOutputAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Writes one plain line to standard error: the reason a command failed.</summary>
    void DisplayError(string message);

    /// <summary>Writes a human-readable message to standard error; the text is shown as is, never as markup.</summary>
    void DisplayMessage(string message);

    /// <summary>Writes label and value pairs on standard error, labels in one column and values in the next; a value too
    /// long for the line wraps within its column (<see cref="FieldList"/>). Values are shown as plain text.</summary>
    void DisplayFields(IReadOnlyList<(string Label, string Value)> fields);

    /// <summary>Writes one plain line to standard error, on a terminal or not: something a log of the run should keep
    /// (which PIN protection a share got, a wrong PIN tried), that is not the reason a command failed.</summary>
    void DisplayNotice(string message);

    /// <summary>Writes a line the person copies as a whole, such as a command, on standard error: never wrapped at the
    /// terminal's width (the terminal's own soft wrap keeps it one line for copy and paste).</summary>
    void DisplayCopyableLine(string line);

    /// <summary>Draws <paramref name="text"/> as a QR code on standard error.</summary>
    void DisplayQrCode(string text);

    /// <summary>
    /// Asks for a secret (a PIN) on the terminal without echoing it: the prompt on standard error, the answer read key by
    /// key from standard input. Returns null when <see cref="CanPromptSecret"/> is false, and an empty answer when the
    /// input was longer than <paramref name="maxLength"/> characters, so a secret is never silently cut short. The caller
    /// owns the returned characters and should clear them.
    /// </summary>
    Task<char[]?> PromptSecretAsync(string prompt, int maxLength, CancellationToken cancellationToken);

    /// <summary>
    /// Asks a yes/no question on the terminal (the prompt on standard error, a line from standard input): true for an
    /// empty answer, <c>y</c> or <c>yes</c>, false for anything else or the end of input. Null when
    /// <see cref="CanPromptSecret"/> is false: there is no terminal to ask on.
    /// </summary>
    Task<bool?> ConfirmAsync(string prompt, CancellationToken cancellationToken);

    /// <summary>Reads standard input to its end, or null once it holds more than <paramref name="maxBytes"/> bytes (it
    /// reads at most one byte more).</summary>
    Task<byte[]?> ReadInputAsync(int maxBytes, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> while showing live progress on standard error (on a terminal).</summary>
    Task<T> ShowProgressAsync<T>(string status, Func<IProgressDisplay, Task<T>> work);
}

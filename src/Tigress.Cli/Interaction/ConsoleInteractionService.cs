using Spectre.Console;
using Tigress.Protocol;

namespace Tigress.Cli.Interaction;

/// <summary>
/// The real console: standard output for results, Spectre.Console on standard error for messages, the QR code and
/// live progress. Off a terminal there is no progress display and standard error gets only the failure line.
/// </summary>
internal sealed class ConsoleInteractionService : IInteractionService
{
    // Plain writes to a closed terminal are dropped rather than thrown (see HangupTolerantWriter). Spectre.Console
    // keeps the real writer: it recognises the terminal by it.
    private static readonly TextWriter s_out = new HangupTolerantWriter(Console.Out);
    private static readonly TextWriter s_err = new HangupTolerantWriter(Console.Error);

    private readonly IAnsiConsole _error = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    public bool IsInteractive { get; } = !Console.IsErrorRedirected;

    public bool IsOutputTerminal { get; } = !Console.IsOutputRedirected;

    public bool CanPromptSecret { get; } = !Console.IsInputRedirected;

    public void WriteOutputLine(string line)
    {
        s_out.WriteLine(line);
        s_out.Flush();
    }

    public async Task WriteOutputAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var stdout = Console.OpenStandardOutput();
        await using (stdout.ConfigureAwait(false))
        {
            await stdout.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void DisplayError(string message)
    {
        // Plain, unstyled, one line: scripts read it, and it must survive a terminal without colours. Whatever part of it
        // another party chose was made safe where it came in; the same rule again here costs nothing.
        s_err.WriteLine(DisplayText.ReplaceUnsafe(message.ReplaceLineEndings(" ")));
        s_err.Flush();
    }

    public void DisplayMessage(string message) => _error.WriteLine(DisplayText.ReplaceUnsafe(message));

    public void DisplayFields(IReadOnlyList<(string Label, string Value)> fields) =>
        FieldList.Write(_error, [.. fields.Select(f => (DisplayText.ReplaceUnsafe(f.Label), DisplayText.ReplaceUnsafe(f.Value)))]);

    public void DisplayNotice(string message)
    {
        // Plain and unwrapped like the failure line: a log keeps it whole.
        s_err.WriteLine(DisplayText.ReplaceUnsafe(message.ReplaceLineEndings(" ")));
        s_err.Flush();
    }

    public void DisplayCopyableLine(string line)
    {
        // Past Spectre.Console, which would break a long line at the terminal's width into pieces a shell cannot run.
        s_err.WriteLine(line);
        s_err.Flush();
    }

    public void DisplayQrCode(string text)
    {
        // Past Spectre.Console, which would wrap or restyle it: the colours are the code's own.
        s_err.Write(TerminalQrCode.Render(text));
        s_err.Flush();
    }

    public async Task<char[]?> PromptSecretAsync(string prompt, int maxLength, CancellationToken cancellationToken)
    {
        if (!CanPromptSecret)
        {
            return null;
        }

        s_err.Write(prompt);
        s_err.Flush();

        // ReadKey blocks its thread; waiting on it from here lets Ctrl-C (the token) end the command meanwhile.
        var secret = await Task.Run(() => ReadHidden(maxLength), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        s_err.WriteLine();
        return secret;
    }

    public async Task<byte[]?> ReadInputAsync(int maxBytes, CancellationToken cancellationToken)
    {
        var stdin = Console.OpenStandardInput();
        await using (stdin.ConfigureAwait(false))
        {
            return await BoundedInput.ReadAsync(stdin, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<T> ShowProgressAsync<T>(string status, Func<IProgressDisplay, Task<T>> work)
    {
        if (!IsInteractive)
        {
            return await work(SilentProgress.Instance).ConfigureAwait(false);
        }

        return await _error.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(Markup.Escape(status), context => work(new StatusProgress(_error, context)))
            .ConfigureAwait(false);
    }

    public async Task<bool?> ConfirmAsync(string prompt, CancellationToken cancellationToken)
    {
        if (!CanPromptSecret)
        {
            return null;
        }

        s_err.Write(prompt);
        s_err.Flush();
        var answer = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return answer?.Trim().ToUpperInvariant() is "" or "Y" or "YES";
    }

    // Keys are read with interception, so nothing reaches the screen; the buffer is cleared once copied out.
    private static char[] ReadHidden(int maxLength)
    {
        var buffer = new char[maxLength];
        var length = 0;
        var overflow = false;
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    return overflow ? [] : buffer[..length];
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    if (length > 0)
                    {
                        buffer[--length] = '\0';
                    }

                    continue;
                }

                if (char.IsControl(key.KeyChar))
                {
                    continue;
                }

                if (length == buffer.Length)
                {
                    overflow = true;
                    continue;
                }

                buffer[length++] = key.KeyChar;
            }
        }
        finally
        {
            Array.Clear(buffer);
        }
    }

    private sealed class StatusProgress(IAnsiConsole console, StatusContext context) : IProgressDisplay
    {
        public void SetStatus(string status) => context.Status(Markup.Escape(status));

        public void Log(string line) => console.MarkupLine("[green]✓[/] " + Markup.Escape(line));

        public void Warn(string line) => console.MarkupLine("[yellow]![/] " + Markup.Escape(line));
    }
}

using System.Collections.Concurrent;
using System.Text;
using Spectre.Console;
using Tigress.Cli.Interaction;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>Captures what a command writes to standard output and standard error.</summary>
internal sealed class TestInteractionService(
    bool interactive = false,
    string? secretInput = null,
    byte[]? standardInput = null,
    Action<string>? onProgress = null,
    string? confirmInput = null,
    bool outputTerminal = false,
    IReadOnlyList<string>? secretInputs = null)
    : IInteractionService, IProgressDisplay
{
    // Each prompt for a secret takes the next answer; once they run out the person just presses Enter.
    private readonly ConcurrentQueue<string> _secrets = new(secretInputs ?? (secretInput is null ? [] : [secretInput]));

    private readonly ConcurrentQueue<string> _prompts = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<string> _progress = new();
    private readonly ConcurrentQueue<string> _qrCodes = new();
    private readonly MemoryStream _raw = new();

    // What a terminal ScreenWidth cells wide would show of the messages, fields and questions, laid out by
    // Spectre.Console as the real console lays them out.
    private readonly (StringWriter Text, IAnsiConsole Console) _screen = CreateScreen(ScreenWidth);
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The width of <see cref="Screen"/>, in terminal cells.</summary>
    public const int ScreenWidth = 80;

    public bool IsInteractive { get; } = interactive;

    public bool IsOutputTerminal { get; } = outputTerminal;

    /// <summary>A terminal on standard input exactly when the test gave an answer to type.</summary>
    public bool CanPromptSecret => secretInput is not null || secretInputs is not null || confirmInput is not null;

    /// <summary>The prompts shown for a secret.</summary>
    public IReadOnlyList<string> Prompts => [.. _prompts];

    public IReadOnlyList<string> OutputLines => [.. _output];

    public IReadOnlyList<string> ErrorLines => [.. _errors];

    public IReadOnlyList<string> Messages => [.. _messages];

    public IReadOnlyList<string> Progress => [.. _progress];

    public IReadOnlyList<string> QrCodes => [.. _qrCodes];

    /// <summary>Everything on standard output, lines and raw bytes, in order.</summary>
    public byte[] RawOutput
    {
        get
        {
            lock (_raw)
            {
                return _raw.ToArray();
            }
        }
    }

    /// <summary>Everything a person or a log could see: both streams, messages, progress.</summary>
    public string Everything => string.Join("\n", [.. _output, .. _errors, .. _messages, .. _progress, .. _prompts, Encoding.UTF8.GetString(RawOutput)]);

    public Task<string> FirstOutputLine => _firstLine.Task;

    /// <summary>The lines a terminal <see cref="ScreenWidth"/> cells wide shows of the messages, the fields and the
    /// questions with their answers, wrapped as the real console wraps them.</summary>
    public IReadOnlyList<string> Screen
    {
        get
        {
            lock (_screen.Text)
            {
                return _screen.Text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
            }
        }
    }

    public void WriteOutputLine(string line)
    {
        _output.Enqueue(line);
        lock (_raw)
        {
            _raw.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }

        _firstLine.TrySetResult(line);
    }

    public Task WriteOutputAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        lock (_raw)
        {
            _raw.Write(content.Span);
        }

        return Task.CompletedTask;
    }

    public void DisplayError(string message) => _errors.Enqueue(message);

    public void DisplayMessage(string message)
    {
        _messages.Enqueue(message);
        lock (_screen.Text)
        {
            _screen.Console.WriteLine(message);
        }
    }

    /// <summary>Kept with the messages as one line each, label padded as the screen shows it; and drawn on the screen.</summary>
    public void DisplayFields(IReadOnlyList<(string Label, string Value)> fields)
    {
        var width = fields.Max(f => f.Label.Length) + 1;
        foreach (var (label, value) in fields)
        {
            _messages.Enqueue(label.PadRight(width) + value);
        }

        lock (_screen.Text)
        {
            FieldList.Write(_screen.Console, fields);
        }
    }

    /// <summary>Kept with the messages: a notice goes to standard error but is not the failure line.</summary>
    public void DisplayNotice(string message) => _messages.Enqueue(message);

    /// <summary>Kept with the messages, in order; a test tells it by its content.</summary>
    public void DisplayCopyableLine(string line) => _messages.Enqueue(line);

    public void DisplayQrCode(string text) => _qrCodes.Enqueue(text);

    public Task<char[]?> PromptSecretAsync(string prompt, int maxLength, CancellationToken cancellationToken)
    {
        if (secretInput is null && secretInputs is null)
        {
            return Task.FromResult<char[]?>(null);
        }

        _prompts.Enqueue(prompt);
        var answer = _secrets.TryDequeue(out var next) ? next : string.Empty;
        return Task.FromResult<char[]?>(answer.Length > maxLength ? [] : answer.ToCharArray());
    }

    /// <summary>Answers a yes/no question with what the test typed; the end of input (no answer given) is a no.</summary>
    public Task<bool?> ConfirmAsync(string prompt, CancellationToken cancellationToken)
    {
        if (!CanPromptSecret)
        {
            return Task.FromResult<bool?>(null);
        }

        _prompts.Enqueue(prompt);
        lock (_screen.Text)
        {
            _screen.Text.WriteLine(prompt + confirmInput);
        }

        return Task.FromResult<bool?>(confirmInput?.Trim().ToUpperInvariant() is "" or "Y" or "YES");
    }

    /// <summary>Reads what the test piped in (nothing when it gave nothing) with the real bounded reader.</summary>
    public async Task<byte[]?> ReadInputAsync(int maxBytes, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(standardInput ?? []);
        return await BoundedInput.ReadAsync(input, maxBytes, cancellationToken);
    }

    public Task<T> ShowProgressAsync<T>(string status, Func<IProgressDisplay, Task<T>> work)
    {
        _progress.Enqueue("status: " + status);
        return work(this);
    }

    public void SetStatus(string status) => _progress.Enqueue("status: " + status);

    public void Log(string line)
    {
        _progress.Enqueue(line);
        onProgress?.Invoke(line);
    }

    public void Warn(string line)
    {
        _progress.Enqueue("warning: " + line);
        onProgress?.Invoke(line);
    }

    private static (StringWriter, IAnsiConsole) CreateScreen(int width)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = width;
        return (text, console);
    }
}

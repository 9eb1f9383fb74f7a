using System.Collections.Concurrent;
using System.Text;
using Tigress.Cli.Interaction;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>Captures what a command writes to standard output and standard error.</summary>
internal sealed class TestInteractionService(bool interactive = false) : IInteractionService, IProgressDisplay
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<string> _progress = new();
    private readonly ConcurrentQueue<string> _qrCodes = new();
    private readonly MemoryStream _raw = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsInteractive { get; } = interactive;

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
    public string Everything => string.Join("\n", [.. _output, .. _errors, .. _messages, .. _progress, Encoding.UTF8.GetString(RawOutput)]);

    public Task<string> FirstOutputLine => _firstLine.Task;

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

    public void DisplayMessage(string message) => _messages.Enqueue(message);

    public void DisplayQrCode(string text) => _qrCodes.Enqueue(text);

    public Task<T> ShowProgressAsync<T>(string status, Func<IProgressDisplay, Task<T>> work)
    {
        _progress.Enqueue("status: " + status);
        return work(this);
    }

    public void SetStatus(string status) => _progress.Enqueue("status: " + status);

    public void Log(string line) => _progress.Enqueue(line);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// One run of the built <c>tigress</c> executable (share or receive) as its own process, with its standard output
/// read line by line as it arrives, so a test can act on the share URL while share still runs.
/// </summary>
internal sealed class TigressProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TigressProcess(Process process) => _process = process;

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static TigressProcess Start(params string[] arguments) => Start(null, arguments);

    /// <summary>Starts <paramref name="arguments"/> with <paramref name="environment"/> added to (a null value:
    /// removed from) the inherited environment.</summary>
    public static TigressProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        Start(environment, input: null, arguments);

    /// <summary>Starts <paramref name="arguments"/> with <paramref name="input"/> piped into standard input (then closed).</summary>
    public static TigressProcess StartWithInput(byte[] input, params string[] arguments) => Start(null, input, arguments);

    private static TigressProcess Start(IReadOnlyDictionary<string, string?>? environment, byte[]? input, string[] arguments)
    {
        var info = TigressExecutable.StartInfo(arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var run = new TigressProcess(process);
        process.OutputDataReceived += (_, e) => run.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (run._stderr)
                {
                    run._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => run._firstLine.TrySetException(new InvalidOperationException($"tigress exited before printing a line: {run.Stderr}"));
        process.Start();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs to the end and returns the exit code.</summary>
    public static async Task<TigressProcess> RunAsync(params string[] arguments)
    {
        var run = Start(arguments);
        await run.ExitAsync();
        return run;
    }

    /// <summary>The first line of standard output, as soon as the process prints it.</summary>
    public Task<string> FirstLineAsync() => _firstLine.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public async Task<int> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);

        // The parameterless wait also drains the asynchronous output readers.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public Task InterruptAsync() => SignalAsync("INT");

    /// <summary>Sends the signal <paramref name="name"/> (<c>HUP</c>, <c>TERM</c>...), as <c>kill -NAME</c> does.</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.Add(line);
        }

        _firstLine.TrySetResult(line);
    }
}

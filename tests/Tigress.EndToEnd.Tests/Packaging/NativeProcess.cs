using System.Diagnostics;
using System.Text;

namespace Tigress.EndToEnd.Tests.Packaging;

/// <summary>A run of a published binary (the Native AOT <c>tigress</c>, podman, sha256sum), its output kept line by
/// line as it arrives, so a test can wait for a line and act while the process still runs.</summary>
internal sealed class NativeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _all = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waits = [];

    private NativeProcess(Process process) => _process = process;

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_all)
            {
                return [.. _stdout];
            }
        }
    }

    /// <summary>Standard output and error, interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_all)
            {
                return _all.ToString();
            }
        }
    }

    public static NativeProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var run = new NativeProcess(process);
        process.OutputDataReceived += (_, e) => run.Add(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => run.Add(e.Data, stdout: false);
        process.Exited += (_, _) => run.FailWaits();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs to the end, at most <paramref name="timeout"/>, and returns the run.</summary>
    public static async Task<NativeProcess> RunAsync(TimeSpan timeout, string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var run = Start(executable, arguments, environment, directory);
        await run.ExitAsync(timeout);
        return run;
    }

    /// <summary>The first line (standard output or error) that <paramref name="match"/> accepts.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_all)
        {
            var seen = _all.ToString().Split('\n').Select(line => line.TrimEnd('\r')).FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} ended without the line awaited:\n{_all}");
            }

            _waits.Add((match, found));
        }

        return found.Task.WaitAsync(timeout);
    }

    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)} did not end within {timeout}:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
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

    private void Add(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> matched = [];
        lock (_all)
        {
            _all.AppendLine(line);
            if (stdout)
            {
                _stdout.Add(line);
            }

            foreach (var wait in _waits.Where(w => w.Match(line)).ToList())
            {
                _waits.Remove(wait);
                matched.Add(wait.Found);
            }
        }

        foreach (var found in matched)
        {
            found.TrySetResult(line);
        }
    }

    private void FailWaits()
    {
        // Output may still be draining: give it the moment WaitForExit takes, then fail what nothing matched.
        _process.WaitForExit();
        lock (_all)
        {
            foreach (var wait in _waits)
            {
                wait.Found.TrySetException(new InvalidOperationException($"{_process.StartInfo.FileName} ended without the line awaited:\n{_all}"));
            }

            _waits.Clear();
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tigress.Testing;

/// <summary>
/// <c>tigress relay</c> running as its own process on a free loopback port, for tests that kill it, restart it, or
/// drive it with separate client processes.
/// </summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsDataDirectory;

    private RelayProcess(Process process, Uri baseUri, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        BaseUri = baseUri;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    /// <summary>The relay's base URL, ending with '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>The folder holding the relay's database.</summary>
    public string DataDirectory { get; }

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a relay and waits until it says it is listening.</summary>
    /// <param name="dataDirectory">The data folder; a fresh temporary one (deleted on dispose) if null.</param>
    /// <param name="arguments">Extra <c>tigress relay</c> flags; <c>--no-rate-limit</c> is always given.</param>
    public static Task<RelayProcess> StartAsync(string? dataDirectory = null, params string[] arguments) =>
        StartCoreAsync(dataDirectory, null, arguments);

    /// <summary>Starts a relay with extra environment variables, in a working directory of the test's choosing.</summary>
    /// <param name="environment">Variables set for the process, e.g. <c>Logging__Console__FormatterName</c>.</param>
    /// <param name="workingDirectory">Where it runs (and looks for <c>appsettings.json</c>); the test's own if null.</param>
    /// <param name="arguments">Extra <c>tigress relay</c> flags; <c>--no-rate-limit</c> is always given.</param>
    public static Task<RelayProcess> StartWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory, params string[] arguments) =>
        StartCoreAsync(null, null, arguments, environment, workingDirectory);

    /// <summary>Starts a relay whose process may open at most <paramref name="openFileLimit"/> files (<c>ulimit -n</c>).</summary>
    /// <param name="openFileLimit">The soft and hard RLIMIT_NOFILE of the relay process.</param>
    /// <param name="arguments">Extra <c>tigress relay</c> flags; <c>--no-rate-limit</c> is always given.</param>
    public static Task<RelayProcess> StartWithOpenFileLimitAsync(int openFileLimit, params string[] arguments) =>
        StartCoreAsync(null, openFileLimit, arguments);

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    private static async Task<RelayProcess> StartCoreAsync(
        string? dataDirectory,
        int? openFileLimit,
        string[] arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= TemporaryFolder.Create("relay-process");
        var port = FreeLoopbackPort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        string[] all = ["relay", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory, "--no-rate-limit", .. arguments];
        var process = new Process { StartInfo = TigressExecutable.StartInfo(all) };
        if (openFileLimit is { } limit)
        {
            // bash -c 'ulimit -n N && exec "$0" "$@"' dotnet tigress.dll relay ...
            var info = process.StartInfo;
            info.ArgumentList.Insert(0, info.FileName);
            info.ArgumentList.Insert(0, $"ulimit -n {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} && exec \"$0\" \"$@\"");
            info.ArgumentList.Insert(0, "-c");
            info.FileName = "bash";
        }


        // Like every test relay, its push client reaches 127.0.0.1 and ::1 only.
        process.StartInfo.Environment["TIGRESS__Relay__Push__LoopbackOnly"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            process.StartInfo.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            process.StartInfo.WorkingDirectory = workingDirectory;
        }

        var relay = new RelayProcess(process, baseUri, dataDirectory, owns);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => relay.Append(e.Data, ready);
        process.ErrorDataReceived += (_, e) => relay.Append(e.Data, ready);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"tigress relay exited early:\n{relay.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            relay.Kill();
            throw new InvalidOperationException($"tigress relay did not start within 60 s:\n{relay.Output}");
        }

        return relay;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Asks the process to stop as Ctrl-C would (SIGINT) and waits for it.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            TemporaryFolder.Delete(DataDirectory);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("listening on", StringComparison.OrdinalIgnoreCase))
        {
            ready.TrySetResult();
        }
    }
}

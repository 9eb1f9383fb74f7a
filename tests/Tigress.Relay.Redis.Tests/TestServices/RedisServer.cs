using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tigress.Testing;

namespace Tigress.Relay.Redis.Tests.TestServices;

/// <summary>
/// One <c>redis-server</c> process on a loopback port with its files in a fresh temporary folder. It can be stopped
/// (gracefully or killed) and started again on the same port and folder, as an operator's restart would.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string[] _options;
    private Process? _process;

    private RedisServer(int port, string folder, string[] options)
    {
        Port = port;
        Folder = folder;
        _options = options;
    }

    public int Port { get; }

    public string Folder { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Whether the server is stalled by <see cref="Pause"/>: it must not be asked anything meanwhile.</summary>
    public bool IsPaused { get; private set; }

    /// <summary>Running and not stalled: it answers.</summary>
    public bool IsAnswering => IsRunning && !IsPaused;

    /// <summary>Starts a server. <paramref name="options"/> are extra <c>redis-server</c> flags, e.g. <c>--appendonly yes</c>.</summary>
    public static async Task<RedisServer> StartAsync(int? port = null, params string[] options)
    {
        var server = new RedisServer(port ?? RelayProcess.FreeLoopbackPort(), TemporaryFolder.Create("redis"), options);
        await server.StartAgainAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the process (again), on the same port and folder, and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        var info = new ProcessStartInfo(RedisInstallation.Server)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        string[] arguments =
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", Folder,
            "--save", string.Empty,
            "--appendonly", "no",
            "--daemonize", "no",
            "--logfile", Path.Combine(Folder, "redis.log"),
            .. _options,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <summary>Stops the server as an operator would (SIGTERM): an append-only file is flushed first.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Kills the server at once (SIGKILL): what was not yet written to disk is lost.</summary>
    public void Kill()
    {
        if (IsRunning)
        {
            _process!.Kill();
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Stalls the server (SIGSTOP): it keeps its connections but answers nothing until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        Signal("-STOP");
        IsPaused = true;
    }

    /// <summary>Lets a stalled server run again (SIGCONT); harmless on one that runs.</summary>
    public void Resume()
    {
        Signal("-CONT");
        IsPaused = false;
    }

    private void Signal(string signal)
    {
        if (IsRunning)
        {
            using var kill = Process.Start("kill", [signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit(10_000);
        }
    }

    /// <summary>Runs <c>redis-cli</c> against this server and returns its output.</summary>
    public Task<string> CliAsync(params string[] arguments) => RunCliAsync(["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]);

    public static async Task<string> RunCliAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(RedisInstallation.Cli)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        TemporaryFolder.Delete(Folder);
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                var log = Path.Combine(Folder, "redis.log");
                throw new InvalidOperationException($"redis-server exited at start:\n{(File.Exists(log) ? await File.ReadAllTextAsync(log).ConfigureAwait(false) : "(no log)")}");
            }

            if (await PingAsync().ConfigureAwait(false))
            {
                return;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer within {limit.TotalSeconds} s.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    // A raw PING: "+PONG" once the data is loaded ("-LOADING" before).
    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray()).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}

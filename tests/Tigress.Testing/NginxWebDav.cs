using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Tigress.Testing;

/// <summary>
/// A stock nginx (Debian's <c>nginx-light</c>) serving WebDAV PUT and DELETE on <c>/dav/</c>, on a free loopback
/// port, with its configuration, logs, pid file, temporary files and storage in a fresh temporary folder. It is the
/// plain HTTP server the dropbox binding must work with: no listing, no <c>Prefer: wait</c>, no write-once.
/// </summary>
public sealed class NginxWebDav : IAsyncDisposable
{
    private static readonly string[] s_systemFolders = ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"];

    private readonly Process _process;
    private readonly string _root;

    private NginxWebDav(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/dav/");
        StorageFolder = Path.Combine(root, "dav");
    }

    /// <summary>The dropbox base URL: <c>http://127.0.0.1:PORT/dav/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The folder behind <see cref="BaseUri"/>: every stored message is a file here.</summary>
    public string StorageFolder { get; }

    /// <summary>The files nginx holds right now, as paths relative to <see cref="StorageFolder"/>.</summary>
    public IReadOnlyList<string> StoredFiles =>
        [.. Directory.EnumerateFiles(StorageFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(StorageFolder, f))];

    /// <summary>What nginx wrote to its error log so far.</summary>
    public string ErrorLog => ReadShared(Path.Combine(_root, "error.log"));

    /// <summary>What nginx wrote to its access log so far: one line per request.</summary>
    public string AccessLog => ReadShared(Path.Combine(_root, "access.log"));

    /// <summary>Starts nginx and waits until it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">nginx is not installed (run <c>./test.sh</c>), or it did not start.</exception>
    public static async Task<NginxWebDav> StartAsync()
    {
        var executable = Locate() ?? throw new InvalidOperationException(
            "nginx is not installed, so the dropbox interop tests cannot run: run ./test.sh, which installs Debian's nginx-light.");
        var root = TemporaryFolder.Create("nginx");
        Directory.CreateDirectory(Path.Combine(root, "dav"));
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        var port = RelayProcess.FreeLoopbackPort();
        await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"), Configuration(root, port)).ConfigureAwait(false);

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", root + "/", "-c", Path.Combine(root, "nginx.conf"), "-e", Path.Combine(root, "error.log"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx could not be started.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NginxWebDav(process, root, port);
        try
        {
            await WaitUntilListeningAsync(process, port).ConfigureAwait(false);
        }
        catch
        {
            var log = server.ErrorLog;
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"nginx did not start on port {port}:\n{Read(output)}\n{log}");
        }

        return server;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        TemporaryFolder.Delete(_root);
        return ValueTask.CompletedTask;
    }

    private static string Configuration(string root, int port)
    {
        // A worker started by root would drop to an account that cannot write to this folder; keep root's.
        var user = Environment.UserName == "root" ? "user root root;\n" : string.Empty;
        return $$"""
            {{user}}worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{root}}/access.log;
                client_body_temp_path {{root}}/tmp/body;
                proxy_temp_path {{root}}/tmp/proxy;
                fastcgi_temp_path {{root}}/tmp/fastcgi;
                uwsgi_temp_path {{root}}/tmp/uwsgi;
                scgi_temp_path {{root}}/tmp/scgi;
                default_type application/octet-stream;
                server {
                    listen 127.0.0.1:{{port}};
                    location /dav/ {
                        alias {{root}}/dav/;
                        dav_methods PUT DELETE;
                        create_full_put_path on;
                        autoindex off;
                        client_max_body_size 1m;
                    }
                }
            }
            """;
    }

    private static string? Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) ?? [];
        return path.Concat(s_systemFolders).Select(folder => Path.Combine(folder, "nginx")).FirstOrDefault(File.Exists);
    }

    private static async Task WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>The repository's web/ folder and node, which runs its scripts; both installed by ./test.sh.</summary>
internal static class WebFolder
{
    private static readonly Lazy<string> s_path = new(Find);

    /// <summary>web/, with its npm packages installed; throws a message naming ./test.sh when they are missing.</summary>
    public static string Path => s_path.Value;

    /// <summary>web/ whether or not its packages are installed (test discovery must not fail on a missing install).</summary>
    public static string Source => Locate() ?? throw new InvalidOperationException("web/package.json was not found above the test binaries.");

    /// <summary>Runs node with the arguments in web/ and returns its exit code and output once it exits.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunNodeAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = StartNode(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments.Take(2))} did not finish within {timeout}: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts node with the arguments in web/, with its standard streams redirected.</summary>
    public static Process StartNode(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed; ./test.sh installs what the tests need.", e);
        }
    }

    private static string Find()
    {
        var web = Source;
        if (!File.Exists(System.IO.Path.Combine(web, "node_modules", "@noble", "curves", "package.json")))
        {
            throw new InvalidOperationException("The npm packages of web/ are missing; run ./test.sh, which installs them (npm ci --prefix web).");
        }

        return web;
    }

    private static string? Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "web");
            if (File.Exists(System.IO.Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}

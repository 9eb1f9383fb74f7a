using System.Diagnostics;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Deployment;

/// <summary>
/// deploy/tigress-relay.service, as an operator installs it: systemd's own checker accepts it, and it asks for
/// readiness notification, a dedicated user and the sandboxing directives.
/// </summary>
public sealed class SystemdUnitTests
{
    private static readonly string s_unit = Path.Combine(
        Path.GetDirectoryName(TigressExecutable.DllPath)!, "..", "..", "..", "..", "..", "deploy", "tigress-relay.service");

    [Fact]
    public async Task Unit_SystemdAnalyzeVerify_ReportsNothing()
    {
        // The unit names the installed binary; verify checks that it is executable, so point it at the built one.
        var apphost = Path.Combine(Path.GetDirectoryName(TigressExecutable.DllPath)!, "tigress");
        Assert.True(File.Exists(apphost), $"The built tigress executable is missing at {apphost}; run ./test.sh, which builds the solution.");
        var folder = TemporaryFolder.Create("systemd");
        try
        {
            var unit = Path.Combine(folder, "tigress-relay.service");
            await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(s_unit)).Replace("ExecStart=/usr/local/bin/tigress ", $"ExecStart={apphost} ", StringComparison.Ordinal));

            var (exit, output) = await RunAsync("systemd-analyze", "verify", "--man=no", unit);

            Assert.True(exit == 0 && output.Length == 0, $"systemd-analyze verify exited {exit}:\n{output}");
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("User=tigress")]
    [InlineData("StateDirectoryMode=0700")]
    [InlineData("UMask=0077")]
    [InlineData("NoNewPrivileges=yes")]
    [InlineData("ProtectSystem=strict")]
    [InlineData("ProtectHome=yes")]
    [InlineData("PrivateTmp=yes")]
    [InlineData("PrivateDevices=yes")]
    [InlineData("RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX")]
    [InlineData("SystemCallFilter=@system-service")]
    [InlineData("CapabilityBoundingSet=CAP_NET_BIND_SERVICE")]
    public async Task Unit_HasDirective(string directive)
    {
        var lines = (await File.ReadAllLinesAsync(s_unit)).Select(line => line.Trim());

        Assert.Contains(directive, lines);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{command} is not installed (Debian package systemd); ./test.sh installs it.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, (await output + await error).Trim());
        }
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Packaging;

/// <summary><c>dotnet pack</c> of a library, as a publisher runs it: the package carries its readme, the license
/// text and expression, and a symbol package comes beside it. Then the whole solution, as the README packs it, used
/// the way a newcomer would: the tool installed from the packages, and an application built against the SDK by
/// following docs/sdk.md.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _output = TemporaryFolder.Create("pack");

    public void Dispose() => TemporaryFolder.Delete(_output);

    [Fact]
    public async Task PackProtocol_HasReadmeLicenseAndSymbols()
    {
        var project = Path.Combine(TigressExecutable.RepositoryRoot, "src", "Tigress.Protocol", "Tigress.Protocol.csproj");

        var (exit, log) = await PackAsync(project);

        Assert.True(exit == 0, log);
        var package = Path.Combine(_output, "Tigress.Protocol.1.0.0.nupkg");
        Assert.True(File.Exists(package), log);
        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), log);
        using var archive = ZipFile.OpenRead(package);
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);
        Assert.Contains("lib/net10.0/Tigress.Protocol.xml", names);
        using (var license = new StreamReader(archive.GetEntry("LICENSE")!.Open()))
        {
            Assert.Contains("Apache License", await license.ReadToEndAsync(), StringComparison.Ordinal);
        }

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        XDocument nuspec;
        using (var stream = archive.GetEntry("Tigress.Protocol.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = nuspec.Root!.Element(ns + "metadata")!;
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("tigress", metadata.Element(ns + "tags")!.Value, StringComparison.Ordinal);

        // Source Link's part: the commit the package was built from (the URL too, once the clone has a remote).
        Assert.Matches("^[0-9a-f]{40}$", metadata.Element(ns + "repository")!.Attribute("commit")!.Value);
        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(package, ".snupkg"));
        Assert.Contains("lib/net10.0/Tigress.Protocol.pdb", symbols.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task PackSolution_ToolInstallsAndRuns_AndTheSdkGuideBuildsAnApp()
    {
        // Arrange: the packages, as the README makes them (the solution is built already, as ./test.sh builds it).
        var root = TigressExecutable.RepositoryRoot;
        var packages = Path.Combine(_output, "packages");
        var (exit, log) = await RunAsync(root, "pack", Path.Combine(root, "Tigress.sln"), "-c", TigressExecutable.Configuration, "--no-build", "-o", packages, "-nologo");
        Assert.True(exit == 0, $"dotnet pack Tigress.sln failed; build the solution first (./test.sh does):\n{log}");
        foreach (var package in new[] { "Tigress.Protocol.1.0.0", "Tigress.Client.1.0.0", "Tigress.Relay.1.0.0", "Tigress.Relay.Redis.1.0.0", "Tigress.Relay.Prometheus.1.0.0-beta.1", "tigress.1.0.0" })
        {
            Assert.True(File.Exists(Path.Combine(packages, package + ".nupkg")), $"{package}.nupkg is missing:\n{log}");
        }

        // The tool, installed from the packages into a folder of its own, runs.
        var tools = Path.Combine(_output, "tools");
        (exit, log) = await RunAsync(_output, "tool", "install", "--tool-path", tools, "--add-source", packages, "tigress", "--version", "1.0.0");
        Assert.True(exit == 0, $"dotnet tool install failed (the machine's NuGet source must be reachable; ./test.sh names the prerequisites):\n{log}");
        var tigress = Path.Combine(tools, OperatingSystem.IsWindows() ? "tigress.exe" : "tigress");
        (exit, log) = await RunAsync(_output, tigress, "--version");
        Assert.True(exit == 0, log);
        Assert.StartsWith("1.0.0", log.Trim(), StringComparison.Ordinal);
        (exit, log) = await RunAsync(_output, tigress, "--help");
        Assert.True(exit == 0, log);
        Assert.Contains("relay", log, StringComparison.Ordinal);

        // An application outside the repository (none of its Directory.*.props apply), whose NuGet sources are the
        // packages and the machine's usual ones, following docs/sdk.md: its install step, its using lines, a sample.
        var doc = File.ReadAllText(Path.Combine(root, "docs", "sdk.md")).ReplaceLineEndings("\n");
        var install = Regex.Match(doc, "## Install\n.*?```sh\n(dotnet add package Tigress\\.Client)\n```", RegexOptions.Singleline);
        Assert.True(install.Success, "docs/sdk.md starts with no install step `dotnet add package Tigress.Client`");
        var app = Path.Combine(_output, "app");
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="tigress-packages" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        (exit, log) = await RunAsync(app, "new", "console", "--framework", "net10.0", "--name", "SdkGuideApp", "--output", app);
        Assert.True(exit == 0, log);
        (exit, log) = await RunAsync(app, install.Groups[1].Value.Split(' ')[1..]);
        Assert.True(exit == 0, $"{install.Groups[1].Value} failed:\n{log}");
        Assert.Contains("Include=\"Tigress.Client\" Version=\"1.0.0\"", await File.ReadAllTextAsync(Path.Combine(app, "SdkGuideApp.csproj")), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), $$"""
            {{Sample(doc, "usings")}}
            Console.WriteLine(typeof(TigressClient).Assembly.GetName().Version);

            internal static class Guide
            {
            {{Sample(doc, "share")}}
            }
            """);
        (exit, log) = await RunAsync(app, "build", "-nologo");
        Assert.True(exit == 0, $"The app from docs/sdk.md does not build against the packages:\n{log}");
    }

    private static string Sample(string doc, string name)
    {
        var block = Regex.Match(doc, $"<!-- sample: {name} -->\n```csharp\n(.*?)```\n", RegexOptions.Singleline);
        Assert.True(block.Success, $"docs/sdk.md has no sample {name}");
        return block.Groups[1].Value;
    }

    /// <summary>Runs dotnet (or the installed tool) with its own NuGet package folder, so that no package cached from
    /// an earlier run stands in for the one just packed; five minutes at most.</summary>
    private async Task<(int Exit, string Log)> RunAsync(string directory, params string[] arguments)
    {
        var tool = arguments[0].Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var start = new ProcessStartInfo(tool ? arguments[0] : "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in tool ? arguments[1..] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_output, "nuget-packages");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{string.Join(' ', arguments)}: no answer within five minutes\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task<(int Exit, string Log)> PackAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", project, "-c", TigressExecutable.Configuration, "--no-build", "-o", _output, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

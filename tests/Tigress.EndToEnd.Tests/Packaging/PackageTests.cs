using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Packaging;

/// <summary><c>dotnet pack</c> of a library, as a publisher runs it: the package carries its readme, the license
/// text and expression, and a symbol package comes beside it.</summary>
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

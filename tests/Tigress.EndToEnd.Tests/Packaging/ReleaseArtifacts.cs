using System.Globalization;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Packaging;

/// <summary>
/// The release script's artifacts, built once for every test of the collection: <c>deploy/release.sh VERSION OUT</c>
/// without the NuGet packages (PackageTests packs those), for linux-x64: the Native AOT binary,
/// their archives and SHA256SUMS. The publish is the slow part (minutes of CPU), hence one run shared by the native
/// binary, checksum and container image tests.
/// </summary>
public sealed class ReleaseArtifacts : IAsyncLifetime
{
    private string _log = "";

    /// <summary>The version given to the script, different on every run so the binary's answer cannot be stale.</summary>
    public string Version { get; } = string.Create(CultureInfo.InvariantCulture, $"1.0.{Random.Shared.Next(1, 1000)}-test.1");

    /// <summary>The script's output folder.</summary>
    public string OutputFolder { get; } = TemporaryFolder.Create("release");

    /// <summary>Where each runtime's archive was unpacked.</summary>
    public string UnpackFolder { get; } = TemporaryFolder.Create("release-unpacked");

    /// <summary>What the script printed, for failure messages.</summary>
    public string Log => _log;

    /// <summary>The runtimes the script built, from its archives.</summary>
    public IReadOnlyList<string> Runtimes { get; private set; } = [];

    /// <summary>The unpacked <c>tigress</c> of <paramref name="runtime"/>.</summary>
    public string Binary(string runtime) => Path.Combine(UnpackFolder, $"tigress-{Version}-{runtime}", "tigress");

    public async Task InitializeAsync()
    {
        var script = Path.Combine(TigressExecutable.RepositoryRoot, "deploy", "release.sh");
        await using var run = await NativeProcess.RunAsync(
            TimeSpan.FromMinutes(45),
            "bash",
            [script, Version, OutputFolder],
            new Dictionary<string, string> { ["PACKAGES"] = "0", ["RUNTIMES"] = "linux-x64", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        _log = run.Output;
        if (await run.ExitAsync(TimeSpan.FromSeconds(5)) != 0)
        {
            throw new InvalidOperationException($"deploy/release.sh failed (it needs clang and npm; ./test.sh installs them):\n{_log}");
        }

        Runtimes = [.. Directory.GetFiles(OutputFolder, $"tigress-{Version}-*.tar.gz")
            .Select(Path.GetFileName)
            .Where(name => !name!.EndsWith(".dbg.tar.gz", StringComparison.Ordinal))
            .Select(name => name![$"tigress-{Version}-".Length..^".tar.gz".Length])
            .Order(StringComparer.Ordinal)];
        foreach (var runtime in Runtimes)
        {
            await using var tar = await NativeProcess.RunAsync(
                TimeSpan.FromMinutes(2), "tar", ["-xzf", Path.Combine(OutputFolder, $"tigress-{Version}-{runtime}.tar.gz"), "-C", UnpackFolder]);
            if (await tar.ExitAsync(TimeSpan.FromSeconds(5)) != 0)
            {
                throw new InvalidOperationException($"tar could not unpack the {runtime} archive:\n{tar.Output}");
            }
        }
    }

    public Task DisposeAsync()
    {
        TemporaryFolder.Delete(OutputFolder);
        TemporaryFolder.Delete(UnpackFolder);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ReleaseArtifactsCollection : ICollectionFixture<ReleaseArtifacts>
{
    public const string Name = "Release artifacts";
}

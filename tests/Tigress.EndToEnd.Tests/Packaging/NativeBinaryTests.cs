using System.Text;
using System.Text.Json.Nodes;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Packaging;

/// <summary>The release's Native AOT <c>tigress</c>: one file to copy (SQLite linked in), which names its version
/// and commit, runs a relay, and shares and receives through it.</summary>
[Collection(ReleaseArtifactsCollection.Name)]
public sealed class NativeBinaryTests(ReleaseArtifacts release)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ReleaseScript_ChecksumsVerifyWithSha256sum()
    {
        await using var check = await NativeProcess.RunAsync(s_timeout, "sha256sum", ["-c", "SHA256SUMS"], directory: release.OutputFolder);

        Assert.True(await check.ExitAsync(s_timeout) == 0, check.Output);
        var listed = check.Stdout.Select(line => line[..line.LastIndexOf(':')]).Order(StringComparer.Ordinal).ToList();
        var files = Directory.GetFiles(release.OutputFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(release.OutputFolder, path))
            .Where(name => name != "SHA256SUMS")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(files, listed);
        Assert.All(check.Stdout, line => Assert.EndsWith(": OK", line, StringComparison.Ordinal));
        Assert.Contains($"tigress-{release.Version}-linux-x64.tar.gz", files);
    }

    [Fact]
    public void Archive_HoldsOneExecutableAndNoSharedLibraryBesideIt()
    {
        foreach (var runtime in release.Runtimes)
        {
            var folder = Path.GetDirectoryName(release.Binary(runtime))!;
            var names = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

            // The binary, and the license and readme the archive adds: no libe_sqlite3.so, no PDB, no XML docs.
            Assert.Equal(["LICENSE", "README.md", "tigress"], names);
            Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(release.Binary(runtime)) & UnixFileMode.UserExecute) != 0);
        }
    }

    [Fact]
    public async Task NativeBinary_LinksNoSqliteLibrary()
    {
        await using var ldd = await NativeProcess.RunAsync(s_timeout, "ldd", [release.Binary("linux-x64")]);

        Assert.Equal(0, await ldd.ExitAsync(s_timeout));
        Assert.DoesNotContain("sqlite", ldd.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("libc.so", ldd.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeBinary_Version_NamesTheScriptsVersionAndTheCommit()
    {
        var head = await VersionTests.GitHeadAsync(TigressExecutable.RepositoryRoot);

        await using var version = await NativeProcess.RunAsync(s_timeout, release.Binary("linux-x64"), ["--version"]);

        Assert.Equal(0, await version.ExitAsync(s_timeout));
        Assert.Equal($"{release.Version} ({(head is null ? "unknown commit" : "commit " + head)})", Assert.Single(version.Stdout));
    }

    [Fact]
    public async Task NativeBinary_RunsARelay_AndSharesAndReceivesThroughIt()
    {
        await ShareThroughOwnRelayAsync(release.Binary("linux-x64"), prefix: []);
    }

    /// <summary>Starts <c>tigress relay</c> with <paramref name="binary"/> (under <paramref name="prefix"/>, e.g. an
    /// emulator), shares a text through it and receives it, all with that binary.</summary>
    internal static async Task ShareThroughOwnRelayAsync(string binary, string[] prefix)
    {
        var data = TemporaryFolder.Create("native-relay");
        try
        {
            var (executable, head) = prefix.Length == 0 ? (binary, Array.Empty<string>()) : (prefix[0], [.. prefix[1..], binary]);
            var url = $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}";
            await using var relay = NativeProcess.Start(executable, [.. head, "relay", "--urls", url, "--data", data, "--no-rate-limit"]);
            await relay.WaitForLineAsync(line => line.Contains("listening on", StringComparison.OrdinalIgnoreCase), TimeSpan.FromMinutes(2));

            const string text = "Locker 12, code 3579";
            await using var share = NativeProcess.Start(executable, [.. head, "share", "--relay", url + "/", "--text", text, "--json"]);
            var shared = JsonNode.Parse(await share.WaitForLineAsync(line => line.StartsWith('{'), TimeSpan.FromMinutes(2)))!;
            Assert.Equal("shared", shared["event"]!.GetValue<string>());
            await using var receive = await NativeProcess.RunAsync(TimeSpan.FromMinutes(3), executable, [.. head, "receive", "--yes", shared["url"]!.GetValue<string>(), "--json"]);

            Assert.True(await receive.ExitAsync(s_timeout) == 0, receive.Output);
            Assert.True(await share.ExitAsync(TimeSpan.FromMinutes(2)) == 0, share.Output);
            var completed = JsonNode.Parse(receive.Stdout[^1])!;
            Assert.Equal("completed", completed["event"]!.GetValue<string>());
            Assert.Equal(text, Encoding.UTF8.GetString(Convert.FromBase64String(completed["content"]!.GetValue<string>())));
            Assert.True(File.Exists(Path.Combine(data, "relay.db")), relay.Output);
        }
        finally
        {
            TemporaryFolder.Delete(data);
        }
    }
}

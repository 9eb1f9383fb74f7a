using System.Diagnostics;
using Tigress.EndToEnd.Tests.Transfers;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Packaging;

/// <summary>The built <c>tigress --version</c> names the commit of the checkout it was built from, as git reports
/// it; sources without git history (an archive) build a command that says "unknown commit".</summary>
public sealed class VersionTests
{
    [Fact]
    public async Task Version_NamesTheCommitGitReports()
    {
        var head = await GitHeadAsync(TigressExecutable.RepositoryRoot);

        await using var version = await TigressProcess.RunAsync("--version");

        Assert.Equal(0, await version.ExitAsync());
        var line = Assert.Single(version.Stdout);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)? \((commit [0-9a-f]{40}|unknown commit)\)$", line);
        Assert.EndsWith(head is null ? "(unknown commit)" : $"(commit {head})", line, StringComparison.Ordinal);
    }

    /// <summary>The checkout's commit, or null when the sources are not a git checkout.</summary>
    internal static async Task<string?> GitHeadAsync(string root)
    {
        if (!Path.Exists(Path.Combine(root, ".git")))
        {
            return null;
        }

        var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"git rev-parse HEAD failed in {root}");
        return output.Trim();
    }
}

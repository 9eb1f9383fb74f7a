using System.Reflection;
using Tigress.Cli.Commands;
using Tigress.Cli.Tests.TestServices;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>tigress --version</c> names the version and the commit, or says the commit is unknown (a build from
/// sources without git history).</summary>
public sealed class VersionActionTests
{
    [Theory]
    [InlineData("1.0.0+e311cb5a07ef4fdc5266facc2e93104dd22eade2", "1.0.0 (commit e311cb5a07ef4fdc5266facc2e93104dd22eade2)")]
    [InlineData("1.2.0-rc.1+0123abc", "1.2.0-rc.1 (commit 0123abc)")]
    [InlineData("1.0.0", "1.0.0 (unknown commit)")]
    [InlineData("1.0.0+", "1.0.0 (unknown commit)")]
    [InlineData("", "unknown (unknown commit)")]
    [InlineData(null, "unknown (unknown commit)")]
    public void Describe_InformationalVersion_NamesVersionAndCommit(string? informational, string expected)
    {
        Assert.Equal(expected, VersionAction.Describe(informational));
    }

    [Fact]
    public async Task Version_PrintsThisBuildsVersionAndCommit()
    {
        var informational = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var cli = await CliRun.RunAsync("--version");

        Assert.Equal(0, await cli.Exit);
        var line = Assert.Single(cli.HelpOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(VersionAction.Describe(informational), line);
        Assert.StartsWith(typeof(VersionAction).Assembly.GetName().Version!.ToString(3) + " (", line, StringComparison.Ordinal);
    }
}

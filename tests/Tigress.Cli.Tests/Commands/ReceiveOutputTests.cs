using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>receive --out</c>: a target that cannot be written fails before the share is claimed, so the share
/// survives; the file is written whole or not at all.</summary>
public sealed class ReceiveOutputTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private LoopbackRelay Relay => fixture.Relay;

    [Fact]
    public async Task Receive_OutIsAFolder_RefusesBeforeClaimingAndTheShareStillWorks()
    {
        var folder = TemporaryFolder.Create("cli-out");
        try
        {
            var (share, link) = await CliRun.ShareAsync(Relay, "--text", "kept for the retry");

            var first = await CliRun.RunAsync("receive", link, "--out", folder);

            Assert.Equal(ExitCodes.InvalidUsage, await first.Exit);
            Assert.Contains("is a folder", Assert.Single(first.Console.ErrorLines), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
            var target = Path.Combine(folder, "credential");
            var second = await CliRun.RunAsync("receive", link, "--out", target);
            Assert.Equal(ExitCodes.Success, await second.Exit);
            Assert.Equal("kept for the retry", await File.ReadAllTextAsync(target));
            Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(["credential"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Receive_OutInAFolderNobodyCanWrite_RefusesBeforeClaiming()
    {
        // /proc takes no new files, not even from root.
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "still here");

        var first = await CliRun.RunAsync("receive", link, "--out", "/proc/tigress-credential");

        Assert.Equal(ExitCodes.InvalidUsage, await first.Exit);
        Assert.Contains("cannot create a file in '/proc'", Assert.Single(first.Console.ErrorLines), StringComparison.Ordinal);
        var second = await CliRun.RunAsync("receive", link);
        Assert.Equal(ExitCodes.Success, await second.Exit);
        Assert.Equal("still here"u8.ToArray(), second.Console.RawOutput);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Receive_OutExists_RefusesWithoutOverwriteAndReplacesWithIt()
    {
        var target = Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(target, "an older credential");
        try
        {
            var (share, link) = await CliRun.ShareAsync(Relay, "--text", "the new one");

            var refused = await CliRun.RunAsync("receive", link, "--out", target);
            var replaced = await CliRun.RunAsync("receive", link, "--out", target, "--overwrite");

            Assert.Equal(ExitCodes.InvalidUsage, await refused.Exit);
            Assert.Contains("--overwrite", Assert.Single(refused.Console.ErrorLines), StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, await replaced.Exit);
            Assert.Equal("the new one", await File.ReadAllTextAsync(target));
            await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(target)}.*.tmp"));
        }
        finally
        {
            File.Delete(target);
        }
    }
}

using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>receive --out</c>: a target that cannot be written fails before the share is claimed, so the share
/// survives; the file is written whole or not at all.</summary>
public sealed class ReceiveOutputTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private LoopbackRelay Relay => fixture.Relay;

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public async Task Receive_OutWithoutAUsablePath_RefusesBeforeClaiming(string path)
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "kept for the retry");

        var first = await CliRun.RunAsync("receive", "--yes", link, "--out", path);

        Assert.Equal(ExitCodes.InvalidUsage, await first.Exit);
        Assert.Contains("--out: give a path", Assert.Single(first.Console.ErrorLines), StringComparison.Ordinal);
        var second = await CliRun.RunAsync("receive", "--yes", link);
        Assert.Equal(ExitCodes.Success, await second.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Receive_OutIsAFolder_RefusesBeforeClaimingAndTheShareStillWorks()
    {
        var folder = TemporaryFolder.Create("cli-out");
        try
        {
            var (share, link) = await CliRun.ShareAsync(Relay, "--text", "kept for the retry");

            var first = await CliRun.RunAsync("receive", "--yes", link, "--out", folder);

            Assert.Equal(ExitCodes.InvalidUsage, await first.Exit);
            Assert.Contains("is a folder", Assert.Single(first.Console.ErrorLines), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
            var target = Path.Combine(folder, "credential");
            var second = await CliRun.RunAsync("receive", "--yes", link, "--out", target);
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

        var first = await CliRun.RunAsync("receive", "--yes", link, "--out", "/proc/tigress-credential");

        Assert.Equal(ExitCodes.InvalidUsage, await first.Exit);
        Assert.Contains("cannot create a file in '/proc'", Assert.Single(first.Console.ErrorLines), StringComparison.Ordinal);
        var second = await CliRun.RunAsync("receive", "--yes", link);
        Assert.Equal(ExitCodes.Success, await second.Exit);
        Assert.Equal("still here"u8.ToArray(), second.Console.RawOutput);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("--force")]
    [InlineData("--overwrite")]
    public async Task Receive_OutExists_RefusesWithoutForceAndReplacesWithIt(string force)
    {
        var target = Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(target, "an older credential");
        try
        {
            var (share, link) = await CliRun.ShareAsync(Relay, "--text", "the new one");

            var refused = await CliRun.RunAsync("receive", "--yes", link, "--out", target);
            var replaced = await CliRun.RunAsync("receive", "--yes", link, "--out", target, force);

            Assert.Equal(ExitCodes.InvalidUsage, await refused.Exit);
            Assert.EndsWith("exists; give a new file, or add --force to replace it.", Assert.Single(refused.Console.ErrorLines), StringComparison.Ordinal);
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

    [Fact]
    public async Task Receive_OutCannotBeMovedIntoPlaceAfterReceipt_KeepsTheCredentialAndSaysWhere()
    {
        var folder = TemporaryFolder.Create("cli-out");
        try
        {
            var target = Path.Combine(folder, "credential");
            var (share, link) = await CliRun.ShareAsync(Relay, "--text", "must not be lost");

            // Another program takes the name between the check and the end of the transfer.
            var receive = CliRun.Start(
                ["receive", "--yes", link, "--out", target],
                interactive: true,
                onProgress: line =>
                {
                    if (line == "Claimed the share.")
                    {
                        File.WriteAllText(target, "someone else's file");
                    }
                });
            var exit = await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(ExitCodes.InvalidUsage, exit);
            var line = Assert.Single(receive.Console.ErrorLines);
            var kept = Assert.Single(Directory.GetFiles(folder, ".credential.*.tmp"));
            Assert.Contains($"the credential is kept in '{kept}'", line, StringComparison.Ordinal);
            Assert.Equal("must not be lost", await File.ReadAllTextAsync(kept));
            Assert.Equal("someone else's file", await File.ReadAllTextAsync(target));
            Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }
}

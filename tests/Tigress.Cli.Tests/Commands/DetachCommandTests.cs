using System.Text.Json;
using System.Text.RegularExpressions;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>
/// <c>share --detach</c>, <c>status</c>, <c>cancel</c> and <c>share --resume</c> in process, against a loopback relay:
/// their JSON, their help, and what they refuse before anything is shared. (tests/Tigress.EndToEnd.Tests runs them
/// as processes, with receives in between.)
/// </summary>
public sealed class DetachCommandTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>, IDisposable
{
    private readonly string _stateHome = TemporaryFolder.Create("cli-detach");

    private IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["HOME"] = _stateHome, ["XDG_STATE_HOME"] = _stateHome };

    public void Dispose() => TemporaryFolder.Delete(_stateHome);

    [Fact]
    public async Task DetachJson_StatusJson_CancelJson_FollowOneShareToItsEnd()
    {
        var share = await CliRun.RunAsync(Environment, "share", "--relay", fixture.Relay.BaseUri.AbsoluteUri, "--text", "followed up", "--detach", "--json");
        var lines = share.Console.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var id = lines[1].GetProperty("id").GetString()!;
        var status = await CliRun.RunAsync(Environment, "status", "--json");
        var cancel = await CliRun.RunAsync(Environment, "cancel", id, "--json");
        var after = await CliRun.RunAsync(Environment, "status", "--json");

        Assert.Equal(ExitCodes.Success, await share.Exit);
        Assert.Equal(["shared", "detached"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal(Path.Combine(_stateHome, "tigress", id + ".json"), lines[1].GetProperty("file").GetString());
        Assert.Empty(share.Console.ErrorLines);

        Assert.Equal(ExitCodes.Success, await status.Exit);
        var record = JsonDocument.Parse(Assert.Single(status.Console.OutputLines)).RootElement;
        Assert.Equal(("status", id, "waiting", "waiting to be opened", true), (
            record.GetProperty("event").GetString(), record.GetProperty("id").GetString(), record.GetProperty("state").GetString(),
            record.GetProperty("description").GetString(), record.GetProperty("checked").GetBoolean()));
        Assert.True(DateTimeOffset.Parse(record.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddHours(1));
        Assert.DoesNotContain("#", string.Join("\n", status.Console.OutputLines), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await cancel.Exit);
        var cancelled = JsonDocument.Parse(Assert.Single(cancel.Console.OutputLines)).RootElement;
        Assert.Equal(("cancelled", "self", id), (cancelled.GetProperty("event").GetString(), cancelled.GetProperty("by").GetString(), cancelled.GetProperty("id").GetString()));
        Assert.Equal(ExitCodes.Success, await after.Exit);
        Assert.Empty(after.Console.OutputLines);
    }

    [Fact]
    public async Task ShareDetach_StateFolderUnusable_FailsBeforeAnythingIsShared()
    {
        var blocker = Path.Combine(_stateHome, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var environment = new Dictionary<string, string> { ["HOME"] = _stateHome, ["XDG_STATE_HOME"] = blocker };

        var detached = await CliRun.RunAsync(environment, "share", "--relay", fixture.Relay.BaseUri.AbsoluteUri, "--text", "x", "--detach");
        using var stop = new CancellationTokenSource();
        var foreground = CliRun.Start(["share", "--relay", fixture.Relay.BaseUri.AbsoluteUri, "--text", "x"], cancellationToken: stop.Token, environment: environment);
        await foreground.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        var stillRunning = !foreground.Exit.IsCompleted;
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.StateFileUnusable, await detached.Exit);
        Assert.Empty(detached.Console.OutputLines);
        Assert.StartsWith($"tigress share: cannot use the folder {blocker}/tigress for the shares' state", Assert.Single(detached.Console.ErrorLines), StringComparison.Ordinal);

        // A share in the foreground goes on without a saved state, and says so.
        Assert.Contains(foreground.Console.Messages, l => l.StartsWith("The share's state is not saved: cannot use the folder", StringComparison.Ordinal));
        Assert.True(stillRunning);
        Assert.Equal(ExitCodes.Interrupted, await foreground.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("cancel")]
    [InlineData("share", "--resume")]
    public async Task UnknownShare_OnePlainLine(params string[] command)
    {
        var run = await CliRun.RunAsync(Environment, [.. command, "0123456789ab"]);

        Assert.Equal(ExitCodes.UnknownShare, await run.Exit);
        Assert.Empty(run.Console.OutputLines);
        Assert.Equal(
            $"tigress {command[0]}: no share with the id 0123456789ab is saved on this computer (in {_stateHome}/tigress): it was not left running from this account, or it has ended and tigress status reported it.",
            Assert.Single(run.Console.ErrorLines));
    }

    [Fact]
    public async Task ShareResume_WithOptionsOfANewShare_IsAUsageError()
    {
        var run = await CliRun.RunAsync(Environment, "share", "--resume", "0123456789ab", "--pin");

        Assert.Equal(ExitCodes.InvalidUsage, await run.Exit);
        Assert.Equal(
            "tigress share: --resume continues a saved share as it was made: leave out --pin (only --json goes with --resume). (see 'tigress share --help')",
            Assert.Single(run.Console.ErrorLines));
    }

    [Theory]
    [InlineData("status", "LINK|ID")]
    [InlineData("cancel", "LINK|ID")]
    [InlineData("share", "--detach")]
    [InlineData("share", "--resume <LINK|ID>")]
    [InlineData("", "status")]
    [InlineData("", "cancel")]
    public async Task Help_NamesTheNewCommandsAndOptions(string command, string expected)
    {
        var run = await CliRun.RunAsync(command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.Equal(ExitCodes.Success, await run.Exit);
        Assert.Contains(expected, Regex.Replace(run.HelpOutput.ToString(), "\\s+", " "), StringComparison.Ordinal);
    }
}

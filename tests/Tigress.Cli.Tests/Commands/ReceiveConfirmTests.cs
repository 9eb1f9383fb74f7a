using System.Text;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>tigress receive</c> shows what the share offers, verified, and asks before it accepts.</summary>
public sealed class ReceiveConfirmTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("y")]
    [InlineData("YES")]
    public async Task Receive_OnATerminal_ShowsTheVerifiedOfferAndAsks_YesReceives(string answer)
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--text", "gate 4711", "--title", "Side gate", "--description", "The code for the side gate");

        var receive = CliRun.Start(["receive", link], confirm: answer);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("gate 4711", Encoding.UTF8.GetString(receive.Console.RawOutput));
        Assert.Equal(["accept? [Y/n] "], receive.Console.Prompts);
        Assert.Contains(receive.Console.Messages, m => m.Contains("Side gate", StringComparison.Ordinal));
        Assert.Contains(receive.Console.Messages, m => m.Contains("The code for the side gate", StringComparison.Ordinal));
        Assert.Contains(receive.Console.Messages, m => m.Contains("preview matches", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("n")]
    [InlineData("no thanks")]
    public async Task Receive_OnATerminal_AnswerNo_DeclinesAndTheSenderLearnsIt(string answer)
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--text", "not wanted");

        var receive = CliRun.Start(["receive", link], confirm: answer);

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(ExitCodes.ExpiredOrCancelled, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(receive.Console.RawOutput);
        Assert.DoesNotContain("not wanted", receive.Console.Everything, StringComparison.Ordinal);
        Assert.Contains("Declined", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("declined", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_NoTerminalAndNoYes_RefusesBeforeClaiming_TheLinkStillWorks()
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--text", "still here");

        var refused = await CliRun.RunAsync("receive", link);
        var accepted = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.InvalidUsage, await refused.Exit);
        Assert.Contains("--yes", Assert.Single(refused.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(refused.Console.RawOutput);
        Assert.Equal(ExitCodes.Success, await accepted.Exit);
        Assert.Equal("still here", Encoding.UTF8.GetString(accepted.Console.RawOutput));
        Assert.Empty(accepted.Console.Prompts);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}

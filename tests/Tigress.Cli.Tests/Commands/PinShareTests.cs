using System.Text.Json;
using Tigress.Cli.Tests.TestServices;
using Tigress.Client.Mailbox;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>tigress share --pin</c> and <c>tigress receive</c> of a PIN share, through the real root command. The
/// tests of the one SPAKE2 guess share with <c>--pin-spake2</c>; the relay-assisted PIN has tests of its own
/// (<see cref="RelayPinShareTests"/>).</summary>
public sealed class PinShareTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private LoopbackRelay Relay => fixture.Relay;

    [Fact]
    public async Task SharePinSpake2_PrintsLinkThenSevenDigitPin_ReceiveWithPinMovesTheText()
    {
        var output = TempFile();
        var (share, link, pin) = await SharePinAsync("--pin-spake2", "--text", "alarm code 1357");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("alarm code 1357", await File.ReadAllTextAsync(output));
        Assert.True(ShareUrl.Parse(link).RequiresPin);
        Assert.Contains("&p=1#", link, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Equal([link, "PIN: " + pin], share.Console.OutputLines);
        Assert.Empty(share.Console.ErrorLines);
        Assert.Contains(share.Console.Messages, m => m.StartsWith("PIN protection: SPAKE2 (as asked).", StringComparison.Ordinal));
        Assert.Empty(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task SharePinLength_EightDigits()
    {
        var (share, link, pin) = await SharePinAsync("--text", "longer", "--pin-length", "8");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile());

        Assert.Matches("^[0-9]{8}$", pin);
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task SharePin_TwoShares_DifferentPins()
    {
        var (first, firstLink, firstPin) = await SharePinAsync("--text", "a", "--pin-length", "12");
        var (second, secondLink, secondPin) = await SharePinAsync("--text", "b", "--pin-length", "12");

        Assert.NotEqual(firstPin, secondPin);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", firstLink, "--pin", firstPin, "--out", TempFile())).Exit);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", secondLink, "--pin", secondPin, "--out", TempFile())).Exit);
        await first.Exit.WaitAsync(TimeSpan.FromSeconds(30));
        await second.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ReceiveWithoutPin_NoTerminal_FailsWithOneLineAndClaimsNothing()
    {
        var (share, link, pin) = await SharePinAsync("--pin-spake2", "--text", "not burned");

        var refused = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.PinRequired, await refused.Exit);
        var line = Assert.Single(refused.Console.ErrorLines);
        Assert.Contains("protected by a PIN", line, StringComparison.Ordinal);
        Assert.Contains("--pin", line, StringComparison.Ordinal);
        Assert.Empty(refused.Console.OutputLines);

        // Nothing was claimed: a new device can still bind the mailbox, and the relay shows it unclaimed.
        await AssertUnclaimedAsync(link);
        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile());
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ReceiveWithoutPin_OnATerminal_AsksWithoutEchoAndReceives()
    {
        var output = TempFile();
        var (share, link, pin) = await SharePinAsync("--text", "typed in");

        var receive = CliRun.Start(["receive", "--yes", link, "--out", output], typed: $"{pin[..3]} {pin[3..]}");
        var exit = await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("typed in", await File.ReadAllTextAsync(output));
        Assert.Contains("PIN", Assert.Single(receive.Console.Prompts), StringComparison.Ordinal);
        Assert.DoesNotContain(pin, string.Join("\n", [.. receive.Console.ErrorLines, .. receive.Console.Messages, .. receive.Console.Progress, .. receive.Console.OutputLines]), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("12ab56")]
    [InlineData("12345")]
    [InlineData("")]
    public async Task ReceiveWithMalformedPin_InvalidUsageAndClaimsNothing(string typed)
    {
        var (share, link, pin) = await SharePinAsync("--pin-spake2", "--text", "try again");

        var refused = await CliRun.RunAsync("receive", "--yes", link, "--pin", typed);

        Assert.Equal(ExitCodes.InvalidUsage, await refused.Exit);
        Assert.Contains("Nothing was claimed", Assert.Single(refused.Console.ErrorLines), StringComparison.Ordinal);
        await AssertUnclaimedAsync(link);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile())).Exit);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WrongPin_ReceiveAndShareExitWrongPin_AndTheRightPinNoLongerWorks()
    {
        var (share, link, pin) = await SharePinAsync("--pin-spake2", "--text", "kept safe");
        var wrong = Other(pin);

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", wrong, "--out", TempFile());
        var shareExit = await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
        var late = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile());

        Assert.Equal(ExitCodes.WrongPin, await receive.Exit);
        Assert.Contains("PIN", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WrongPin, shareExit);
        Assert.Contains("wrong PIN was tried", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ExpiredOrCancelled, await late.Exit);
        Assert.Contains("ended", Assert.Single(late.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(late.Console.RawOutput);
    }

    [Fact]
    public async Task ReceivePin_OnAShareWithoutPin_InvalidUsageAndTheShareStillWorks()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "plain");

        var refused = await CliRun.RunAsync("receive", "--yes", link, "--pin", "123456");

        Assert.Equal(ExitCodes.InvalidUsage, await refused.Exit);
        Assert.Contains("not protected by a PIN", Assert.Single(refused.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile())).Exit);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Json_SharePin_SecondLineIsThePinEvent_ReceiveReportsThePinMatched()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "json pin", "--pin-spake2", "--json"]);
        var first = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        var link = JsonDocument.Parse(first).RootElement.GetProperty("url").GetString()!;
        var pinLine = JsonDocument.Parse(await SecondLineAsync(share)).RootElement;

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pinLine.GetProperty("pin").GetString()!, "--json");
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("pin", pinLine.GetProperty("event").GetString());
        Assert.Matches("^[0-9]{7}$", pinLine.GetProperty("pin").GetString());
        Assert.Equal("spake2", pinLine.GetProperty("protection").GetString());
        Assert.Equal(1, pinLine.GetProperty("guesses").GetInt32());
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(["claimed", "received", "sent", "waiting", "received", "pin-matched", "sent", "completed"], receive.Console.OutputLines.Select(Event));
        Assert.Contains("pin-matched", share.Console.OutputLines.Select(Event));
    }

    [Fact]
    public async Task Json_WrongPin_ShareErrorEventSaysWrongPin()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "json pin", "--pin-spake2", "--json"]);
        var link = JsonDocument.Parse(await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30))).RootElement.GetProperty("url").GetString()!;
        var pin = JsonDocument.Parse(await SecondLineAsync(share)).RootElement.GetProperty("pin").GetString()!;

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(pin), "--json");
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        var error = JsonDocument.Parse(share.Console.OutputLines[^1]).RootElement;
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal("wrong-pin", error.GetProperty("code").GetString());
        Assert.Equal(ExitCodes.WrongPin, error.GetProperty("exitCode").GetInt32());
        Assert.Equal("wrong-pin", JsonDocument.Parse(receive.Console.OutputLines[^1]).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Interactive_SharePin_TellsToSayThePinByVoiceAndNeverShowsItInMessages()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "with progress", "--pin-spake2"], interactive: true);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        var pin = await PinLineAsync(share);

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile());
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Contains(share.Console.Messages, m => m.Contains("by voice or in person", StringComparison.Ordinal));
        Assert.Contains("The recipient entered the right PIN.", share.Console.Progress);
        Assert.DoesNotContain(pin, string.Join("\n", [.. share.Console.Messages, .. share.Console.Progress, .. share.Console.ErrorLines, .. share.Console.QrCodes]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttackerRacesWithAWrongPin_CredentialNeverRevealed_RealRecipientToldTheShareEnded()
    {
        const string credential = "CREDENTIAL-9c2d71";
        var (share, link, pin) = await SharePinAsync("--pin-spake2", "--text", credential);
        var guess = Other(pin);

        var attacker = await CliRun.RunAsync("receive", "--yes", link, "--pin", guess);
        var real = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin);
        var shareExit = await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.WrongPin, await attacker.Exit);
        Assert.DoesNotContain(credential, attacker.Console.Everything, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ExpiredOrCancelled, await real.Exit);
        Assert.Contains("ended", Assert.Single(real.Console.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(credential, real.Console.Everything, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WrongPin, shareExit);
    }

    [Fact]
    public async Task DropboxPin_PrintsInvitationThenPin_ReceiveWithPinMovesTheText()
    {
        var output = TempFile();
        var (share, link, pin) = await SharePinAsync("--binding", "dropbox", "--text", "dropbox and PIN");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("dropbox and PIN", await File.ReadAllTextAsync(output));
        Assert.Contains("#v=1&s=1301&r=", link, StringComparison.Ordinal);
        Assert.EndsWith("&p=1", link, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Contains(share.Console.Messages, m => m.StartsWith("PIN protection: SPAKE2 (a dropbox share always uses it).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DropboxPin_ReceiveWithoutPin_NoTerminal_RefusedAndTheInvitationStillWorks()
    {
        var (share, link, pin) = await SharePinAsync("--binding", "dropbox", "--text", "message 0 stays");

        var refused = await CliRun.RunAsync("receive", "--yes", link);
        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile());

        Assert.Equal(ExitCodes.PinRequired, await refused.Exit);
        Assert.Contains("Nothing was claimed", Assert.Single(refused.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task DropboxPin_WrongPin_BothExitWrongPin()
    {
        var (share, link, pin) = await SharePinAsync("--binding", "dropbox", "--text", "no second guess");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(pin));
        var shareExit = await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.WrongPin, await receive.Exit);
        Assert.Equal(ExitCodes.WrongPin, shareExit);
        Assert.Contains("wrong PIN was tried", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
    }

    private async Task<(CliRun Share, string Link, string Pin)> SharePinAsync(params string[] args)
    {
        var (share, link) = await CliRun.ShareAsync(Relay, ["--pin", .. args]);
        return (share, link, await PinLineAsync(share));
    }

    // The human output labels the PIN, so a bare number is never read as the end of a wrapped link.
    private static async Task<string> PinLineAsync(CliRun share)
    {
        var line = await SecondLineAsync(share);
        Assert.StartsWith("PIN: ", line, StringComparison.Ordinal);
        return line["PIN: ".Length..];
    }

    // The PIN follows the link at once, but on the command's own thread.
    private static async Task<string> SecondLineAsync(CliRun share)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (share.Console.OutputLines.Count < 2)
        {
            await Task.Delay(10, timeout.Token);
        }

        return share.Console.OutputLines[1];
    }

    // A read with a fresh claim binds the mailbox only when nobody holds it; a relinquish then lets it go again.
    private static async Task AssertUnclaimedAsync(string link)
    {
        using var url = ShareUrl.Parse(link);
        var client = new MailboxClient(new HttpClient());
        var probe = Guid.NewGuid();
        await client.ReadAsync(url.MailboxUri, probe);
        await client.RelinquishAsync(url.MailboxUri, probe);
    }

    // Another PIN of the same length: one digit changed.
    private static string Other(string pin) => (pin[0] == '0' ? "1" : "0") + pin[1..];

    private static string Event(string line) => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()!;

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
}

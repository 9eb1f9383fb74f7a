using System.Text.Json;
using Tigress.Cli.Commands;
using Tigress.Cli.Tests.TestServices;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>
/// <c>tigress share --pin</c> with the relay-assisted PIN (docs/protocol.md section 12.6), the default where the relay
/// offers it, and <c>tigress receive</c> of such a share, through the real root command and a real relay.
/// </summary>
public sealed class RelayPinShareTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    private LoopbackRelay Relay => fixture.Relay;

    [Fact]
    public async Task SharePin_Default_RelayAssistedSevenDigitPin_SaysSo_AndReceiveWithThePinMovesTheText()
    {
        var output = TempFile();
        var (share, link, pin) = await SharePinAsync("--text", "garage 2468");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(s_bound));
        Assert.Equal("garage 2468", await File.ReadAllTextAsync(output));
        Assert.Contains("&p=2#", link, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Equal([link, "PIN: " + pin], share.Console.OutputLines);
        Assert.Empty(share.Console.ErrorLines);
        var notice = Assert.Single(share.Console.Messages, m => m.StartsWith("PIN protection:", StringComparison.Ordinal));
        Assert.StartsWith("PIN protection: relay-assisted.", notice, StringComparison.Ordinal);
        Assert.Contains("after 3 wrong PINs", notice, StringComparison.Ordinal);
        Assert.Contains("even after this command has exited", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, notice, StringComparison.Ordinal);
        Assert.Empty(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task WrongPinThenRight_ReceiveSaysTheTriesLeft_ShareReportsTheGuess_ThenCompletes()
    {
        var output = TempFile();
        var (share, link, pin) = await SharePinAsync("--text", "second chance");

        var wrong = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(pin), "--out", TempFile());
        await Eventually(() => share.Console.Messages.Contains("A wrong PIN was tried; 2 tries left."));
        var right = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(ExitCodes.WrongPin, await wrong.Exit);
        var line = Assert.Single(wrong.Console.ErrorLines);
        Assert.Contains("2 tries are left", line, StringComparison.Ordinal);
        Assert.Empty(wrong.Console.RawOutput);
        Assert.Equal(ExitCodes.Success, await right.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(s_bound));
        Assert.Equal("second chance", await File.ReadAllTextAsync(output));
        Assert.Empty(share.Console.ErrorLines);
    }

    [Fact]
    public async Task LastWrongGuess_LocksTheShare_ReceiveSaysAskForANewLink_ShareEndsWrongPin()
    {
        var (share, link, pin) = await SharePinAsync("--text", "locked away", "--pin-guesses", "2");

        var first = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(pin));
        var second = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(Other(pin)));
        var shareExit = await share.Exit.WaitAsync(s_bound);
        var late = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin);

        Assert.Equal(ExitCodes.WrongPin, await first.Exit);
        Assert.Contains("1 try is left", Assert.Single(first.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WrongPin, await second.Exit);
        var locked = Assert.Single(second.Console.ErrorLines);
        Assert.Contains("locked", locked, StringComparison.Ordinal);
        Assert.Contains("ask the sender for a new link", locked, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WrongPin, shareExit);
        Assert.Equal(
            ["A wrong PIN was tried; 1 try left.", "A wrong PIN was tried; no tries left, so the relay locked the share."],
            share.Console.Messages.Where(m => m.StartsWith("A wrong PIN", StringComparison.Ordinal)));
        Assert.Contains("locked", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
        Assert.NotEqual(ExitCodes.Success, await late.Exit);
        Assert.Empty(late.Console.RawOutput);
    }

    [Fact]
    public async Task Json_PinEventNamesTheProtection_EachWrongGuessIsAnEvent_AndTheLockAnError()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "json", "--pin", "--pin-guesses", "2", "--json"]);
        var link = JsonDocument.Parse(await share.Console.FirstOutputLine.WaitAsync(s_bound)).RootElement.GetProperty("url").GetString()!;
        await Eventually(() => share.Console.OutputLines.Count >= 2);
        var pinEvent = JsonDocument.Parse(share.Console.OutputLines[1]).RootElement;
        var pin = pinEvent.GetProperty("pin").GetString()!;

        var first = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(pin), "--json");
        var second = await CliRun.RunAsync("receive", "--yes", link, "--pin", Other(Other(pin)), "--json");
        await share.Exit.WaitAsync(s_bound);

        Assert.Equal("relay-assisted", pinEvent.GetProperty("protection").GetString());
        Assert.Equal(2, pinEvent.GetProperty("guesses").GetInt32());
        var failed = share.Console.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetString() == "pin-failed").ToList();
        Assert.Equal([1, 0], failed.Select(e => e.GetProperty("guessesLeft").GetInt32()));
        var shareError = JsonDocument.Parse(share.Console.OutputLines[^1]).RootElement;
        Assert.Equal("pin-locked", shareError.GetProperty("code").GetString());
        Assert.Equal(ExitCodes.WrongPin, shareError.GetProperty("exitCode").GetInt32());
        var firstError = JsonDocument.Parse(first.Console.OutputLines[^1]).RootElement;
        Assert.Equal(("wrong-pin", 1), (firstError.GetProperty("code").GetString(), firstError.GetProperty("guessesLeft").GetInt32()));
        var secondError = JsonDocument.Parse(second.Console.OutputLines[^1]).RootElement;
        Assert.Equal(("pin-locked", 0), (secondError.GetProperty("code").GetString(), secondError.GetProperty("guessesLeft").GetInt32()));
        Assert.DoesNotContain(share.Console.Messages, m => m.StartsWith("PIN protection:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receive_PinAskedOnTheTerminal_WrongThenRight_AsksAgainAndReceives()
    {
        var output = TempFile();
        var (share, link, pin) = await SharePinAsync("--text", "typed twice");

        var receive = CliRun.Start(["receive", "--yes", link, "--out", output], typedPins: [Other(pin), $"{pin[..3]} {pin[3..]}"]);
        var exit = await receive.Exit.WaitAsync(s_bound);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("typed twice", await File.ReadAllTextAsync(output));
        Assert.Equal(2, receive.Console.Prompts.Count(p => p.Contains("PIN", StringComparison.Ordinal)));
        Assert.Contains("The PIN is wrong; 2 tries are left.", receive.Console.Messages);
        Assert.Empty(receive.Console.ErrorLines);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(s_bound));
        Assert.Contains("A wrong PIN was tried; 2 tries left.", share.Console.Messages);
    }

    [Fact]
    public async Task Receive_PinAskedOnTheTerminal_AskedOnlyWhileTriesAreLeft_ThenLocked()
    {
        var (share, link, pin) = await SharePinAsync("--text", "three strikes");

        var receive = CliRun.Start(["receive", "--yes", link], typedPins: [Other(pin), Other(Other(pin)), Other(Other(Other(pin))), pin]);
        var exit = await receive.Exit.WaitAsync(s_bound);

        Assert.Equal(ExitCodes.WrongPin, exit);
        Assert.Equal(3, receive.Console.Prompts.Count);
        Assert.Equal(["The PIN is wrong; 2 tries are left.", "The PIN is wrong; 1 try is left."], receive.Console.Messages.Where(m => m.StartsWith("The PIN is wrong", StringComparison.Ordinal)));
        Assert.Contains("ask the sender for a new link", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.WrongPin, await share.Exit.WaitAsync(s_bound));
    }

    [Fact]
    public async Task Receive_PinAskedOnTheTerminal_NothingTypedAfterAWrongOne_ExitsWrongPinAndTheShareStillWorks()
    {
        var (share, link, pin) = await SharePinAsync("--text", "not now");

        var receive = CliRun.Start(["receive", "--yes", link], typedPins: [Other(pin)]);
        var exit = await receive.Exit.WaitAsync(s_bound);
        var later = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile());

        Assert.Equal(ExitCodes.WrongPin, exit);
        Assert.Equal(2, receive.Console.Prompts.Count);
        Assert.Contains("2 tries are left", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await later.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(s_bound));
    }

    [Fact]
    public async Task Receive_PinGivenWithTheOption_WrongPin_IsNotAskedAgain()
    {
        var (share, link, pin) = await SharePinAsync("--text", "scripted");

        var receive = CliRun.Start(["receive", "--yes", link, "--pin", Other(pin)], typedPins: [pin]);
        var exit = await receive.Exit.WaitAsync(s_bound);

        Assert.Equal(ExitCodes.WrongPin, exit);
        Assert.Empty(receive.Console.Prompts);
        Assert.Contains("2 tries are left", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--out", TempFile())).Exit);
        await share.Exit.WaitAsync(s_bound);
    }

    [Fact]
    public async Task ReceivePinSpake2_ClaimedByAnotherDevice_SaysToTellTheSender()
    {
        using var ctrlC = new CancellationTokenSource();
        var (share, link, pin) = await SharePinAsync(ctrlC.Token, "--pin-spake2", "--text", "held by another");
        using (var url = ShareUrl.Parse(link))
        {
            // Another device claims the share and never answers.
            await new MailboxClient(new HttpClient()).ReadAsync(url.MailboxUri, Guid.NewGuid());
        }

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin);

        Assert.Equal(ExitCodes.AlreadyClaimed, await receive.Exit);
        Assert.Contains("tell the sender", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        await ctrlC.CancelAsync();
        Assert.Equal(ExitCodes.Interrupted, await share.Exit.WaitAsync(s_bound));
    }

    [Theory]
    [InlineData("7", "10", 10)]
    [InlineData("6", null, 1)]
    [InlineData("8", "10", 10)]
    [InlineData(null, "1", 1)]
    public async Task SharePinGuesses_AllowedCombination_ThePinEventCarriesTheGuesses(string? digits, string? guesses, int expected)
    {
        string[] args = ["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "x", "--pin", "--json",
            .. digits is null ? Array.Empty<string>() : ["--pin-length", digits], .. guesses is null ? Array.Empty<string>() : ["--pin-guesses", guesses]];
        using var ctrlC = new CancellationTokenSource();
        var share = CliRun.Start(args, cancellationToken: ctrlC.Token);
        await share.Console.FirstOutputLine.WaitAsync(s_bound);
        await Eventually(() => share.Console.OutputLines.Count >= 2);

        var pinEvent = JsonDocument.Parse(share.Console.OutputLines[1]).RootElement;

        Assert.Equal(expected, pinEvent.GetProperty("guesses").GetInt32());
        Assert.Equal(int.Parse(digits ?? "7", System.Globalization.CultureInfo.InvariantCulture), pinEvent.GetProperty("pin").GetString()!.Length);
        await ctrlC.CancelAsync();
        Assert.Equal(ExitCodes.Interrupted, await share.Exit.WaitAsync(s_bound));
    }

    [Theory]
    [InlineData(new[] { "--pin-guesses", "0" }, "--pin-guesses must be 1 to 10.")]
    [InlineData(new[] { "--pin-guesses", "11" }, "--pin-guesses must be 1 to 10.")]
    [InlineData(new[] { "--pin-guesses", "three" }, "--pin-guesses must be a number from 1 to 10.")]
    [InlineData(new[] { "--pin-guesses", "2", "--pin-length", "6" }, "allow at most 1 guess with 6 digits")]
    [InlineData(new[] { "--pin-guesses", "3", "--pin-spake2" }, "--pin-spake2) allows one guess")]
    [InlineData(new[] { "--pin-guesses", "3", "--binding", "dropbox" }, "only a mailbox relay offers")]
    public async Task SharePinGuesses_Refused_OnePlainLineAndNothingShared(string[] options, string expected)
    {
        var cli = await CliRun.RunAsync(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "x", .. options]);

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", line, StringComparison.Ordinal);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task SharePinGuesses_MoreThanTheRelayAllows_RefusedNamingTheRelaysMaximum()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:MaxPinGuesses"] = "2" });

        var cli = await CliRun.RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "x", "--pin-guesses", "3");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        Assert.Equal("tigress share: This relay allows at most 2 guesses at a PIN.", Assert.Single(cli.Console.ErrorLines));
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task ShareHelp_DescribesThePinModesAndTheirOptions()
    {
        var cli = await CliRun.RunAsync("share", "--help");

        Assert.Equal(0, await cli.Exit);
        var help = string.Join(" ", cli.HelpOutput.ToString().Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--pin-spake2", help, StringComparison.Ordinal);
        Assert.Contains("--pin-guesses <N>", help, StringComparison.Ordinal);
        Assert.Contains("relay-assisted", help, StringComparison.Ordinal);
        Assert.Contains("[default: 3; 1 with a 6-digit PIN]", help, StringComparison.Ordinal);
        Assert.Contains("--pin-length <N> Digits in the PIN, 6 to 32; implies --pin [default: 7]", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PinProtection.RelayAssisted, PinMode.Automatic, false, "PIN protection: relay-assisted.")]
    [InlineData(PinProtection.Spake2, PinMode.Automatic, false, "PIN protection: SPAKE2 (this relay does not count PIN guesses).")]
    [InlineData(PinProtection.Spake2, PinMode.Spake2, false, "PIN protection: SPAKE2 (as asked).")]
    [InlineData(PinProtection.Spake2, PinMode.Automatic, true, "PIN protection: SPAKE2 (a dropbox share always uses it).")]
    public void PinAnnouncement_SaysWhichProtectionAndWhy(PinProtection protection, PinMode mode, bool dropbox, string expected)
    {
        var line = new PinAnnouncement("1234567", protection, new PinSettings(7, mode, 3), dropbox).Describe();

        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.Contains(protection == PinProtection.RelayAssisted ? "even after this command has exited" : "keep this command running", line, StringComparison.Ordinal);
    }

    private Task<(CliRun Share, string Link, string Pin)> SharePinAsync(params string[] args) => SharePinAsync(CancellationToken.None, args);

    /// <summary>Starts <c>share --pin</c> (<paramref name="ctrlC"/> plays Ctrl-C) and waits for its link and PIN.</summary>
    private async Task<(CliRun Share, string Link, string Pin)> SharePinAsync(CancellationToken ctrlC, params string[] args)
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--pin", .. args], cancellationToken: ctrlC);
        await Eventually(() => share.Console.OutputLines.Count >= 2 || share.Exit.IsCompleted);
        Assert.True(share.Console.OutputLines.Count >= 2, string.Join(" | ", share.Console.ErrorLines));
        var line = share.Console.OutputLines[1];
        Assert.StartsWith("PIN: ", line, StringComparison.Ordinal);
        return (share, share.Console.OutputLines[0], line["PIN: ".Length..]);
    }

    // Waits for a condition with a generous bound, so a loaded machine is not a failure.
    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(s_bound);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    // Another PIN of the same length: the first digit changed (twice over gives a third PIN).
    private static string Other(string pin) => (char)('0' + ((pin[0] - '0' + 1) % 10)) + pin[1..];

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
}

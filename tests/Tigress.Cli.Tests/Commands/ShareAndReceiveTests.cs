using System.Text;
using System.Text.Json;
using Tigress.Cli.Tests.TestServices;
using Tigress.Client;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

public sealed class ShareAndReceiveTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private LoopbackRelay Relay => fixture.Relay;

    [Fact]
    public async Task ShareText_ReceiveToFile_MovesTheText()
    {
        var output = TempFile();
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "the gate code is 4711");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("the gate code is 4711", await File.ReadAllTextAsync(output));
        Assert.Equal(link, share.Console.OutputLines[0]);
        Assert.True(ShareUrl.TryParse(link, out _));
        Assert.Empty(share.Console.ErrorLines);
        Assert.Empty(receive.Console.ErrorLines);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        }
    }

    [Fact]
    public async Task ShareCarKey_Receive_CompletesThreeMessageFlowWithVerifiedSignature()
    {
        var output = TempFile();
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "WVWZZZ1JZXW000001", "--vertical", "c", "--format", "digitalwallet.carkey.ccc");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("?v=c#", link, StringComparison.Ordinal);
        using var key = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        Assert.True(key.RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal("WVWZZZ1JZXW000001", key.RootElement.GetProperty("vehicleId").GetString());
    }

    [Fact]
    public async Task Receive_SecondTime_SaysAlreadyClaimed()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "once");
        await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await second.Exit);
        var line = Assert.Single(second.Console.ErrorLines);
        Assert.Contains("already claimed", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_WhileAnotherDeviceHoldsTheClaim_ExitsAlreadyClaimed()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "VIN-9", "--format", "digitalwallet.carkey.ccc");
        using var url = TigressLink.Parse(link);
        using var other = TransferSession.Receive(new TigressClient(new MailboxClient(new HttpClient())), url);
        await other.StepAsync();

        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.AlreadyClaimed, await receive.Exit);
        var line = Assert.Single(receive.Console.ErrorLines);
        Assert.Contains("already claimed by another device", line, StringComparison.Ordinal);
        await other.CancelAsync("test over");
        Assert.Equal(ExitCodes.ExpiredOrCancelled, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Receive_WrongKey_ExitsDecryptionFailed()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "secret");
        var wrong = link[..(link.IndexOf('#') + 1)] + "AAAAAAAAAAAAAAAAAAAAAA";

        var receive = await CliRun.RunAsync("receive", "--yes", wrong);

        Assert.Equal(ExitCodes.DecryptionFailed, await receive.Exit);
        Assert.Contains("wrong or damaged", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile())).Exit);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Receive_LinkCutShort_ExitsDecryptionFailedWithoutTouchingTheRelay()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "secret");

        var receive = await CliRun.RunAsync("receive", "--yes", link[..^4]);

        Assert.Equal(ExitCodes.DecryptionFailed, await receive.Exit);
        Assert.Contains("cut short", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await (await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile())).Exit);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("https://example.com/nothing")]
    [InlineData("not a link")]
    [InlineData("http://relay.example/v1/m/abc#AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Receive_NotAShareLink_ExitsInvalidUsage(string link)
    {
        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.InvalidUsage, await receive.Exit);
        Assert.Single(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task Receive_RelayNotListening_ExitsRelayUnreachable()
    {
        var receive = await CliRun.RunAsync("receive", "--yes", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/v1/m/4b1d2c6e-2a8e-4f4b-9a51-0a4a6f9d8e11#AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(ExitCodes.RelayUnreachable, await receive.Exit);
        Assert.Contains("could not be reached", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_RelayNotListening_ExitsRelayUnreachableAndPrintsNoLink()
    {
        var share = await CliRun.RunAsync("share", "--relay", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/", "--text", "x");

        Assert.Equal(ExitCodes.RelayUnreachable, await share.Exit);
        Assert.Empty(share.Console.OutputLines);
        Assert.Single(share.Console.ErrorLines);
    }

    [Theory]
    [InlineData("share", "--text", "x")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--file", "y")]
    [InlineData("share", "--relay", "RELAY")]
    [InlineData("share", "--relay", "http://relay.example/", "--text", "x")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--format", "digitalwallet.hotel.unknown")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--vertical", "z")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--pin-length", "5")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--pin", "--pin-length", "33")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--pin-guesses", "4", "--pin-length", "6")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--pin-spake2", "--pin-guesses", "2")]
    [InlineData("receive", "--yes", "LINK", "--pin", "123456")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--suite", "1302")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--binding", "dropbox", "--suite", "1304")]
    [InlineData("receive", "--yes", "http://127.0.0.1:1/d/#v=2&s=1301&r=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("receive", "--yes", "http://127.0.0.1:1/d/#v=1&s=1301")]
    [InlineData("receive", "--yes", "http://dropbox.example/d/#v=1&s=1301&r=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--expires", "soon")]
    [InlineData("share", "--relay", "RELAY", "--text", "x", "--image", "http://img.example/a.png")]
    [InlineData("share", "--relay", "RELAY", "--file", "/nonexistent/file")]
    [InlineData("share", "--relay", "RELAY", "--text", "", "--format", "digitalwallet.carkey.ccc")]
    [InlineData("receive")]
    [InlineData("receive", "--yes", "LINK", "--out", "/nonexistent/folder/file")]
    [InlineData("nonsense")]
    [InlineData()]
    public async Task InvalidCommandLine_ExitsInvalidUsageWithOneLine(params string[] args)
    {
        var resolved = args.Select(a => a switch
        {
            "RELAY" => Relay.BaseUri.AbsoluteUri,
            "LINK" => Relay.BaseUri.AbsoluteUri + "v1/m/abc#AAAAAAAAAAAAAAAAAAAAAA",
            _ => a,
        }).ToArray();

        var cli = await CliRun.RunAsync(resolved);

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        Assert.Single(cli.Console.ErrorLines);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task Json_BothSides_PrintOneJsonEventPerLine()
    {
        var (share, first) = await CliRun.ShareAsync(Relay, "--text", "json please", "--json");
        var link = JsonDocument.Parse(first).RootElement.GetProperty("url").GetString()!;

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--json");
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("shared", Event(share.Console.OutputLines[0]));
        Assert.Equal("completed", Event(share.Console.OutputLines[^1]));
        Assert.Contains("claimed", share.Console.OutputLines.Select(Event));
        Assert.Equal(["claimed", "received", "sent", "completed"], receive.Console.OutputLines.Select(Event));
        var completed = JsonDocument.Parse(receive.Console.OutputLines[^1]).RootElement;
        Assert.Equal("json please", Encoding.UTF8.GetString(completed.GetProperty("content").GetBytesFromBase64()));
        Assert.Empty(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task Json_Failure_PrintsErrorEventAndOneLine()
    {
        var receive = await CliRun.RunAsync("receive", "--yes", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/v1/m/4b1d2c6e-2a8e-4f4b-9a51-0a4a6f9d8e11#AAAAAAAAAAAAAAAAAAAAAA", "--json");

        var error = JsonDocument.Parse(Assert.Single(receive.Console.OutputLines)).RootElement;
        Assert.Equal("error", error.GetProperty("event").GetString());
        Assert.Equal("relay-unreachable", error.GetProperty("code").GetString());
        Assert.Equal(ExitCodes.RelayUnreachable, error.GetProperty("exitCode").GetInt32());
        Assert.Single(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task Receive_OutDash_WritesExactBytesToStandardOutputEvenForANamedFile()
    {
        byte[] content = [0x00, 0xff, 0x10, 0x0a, 0x0d, 0x80];
        var file = TempFile();
        await File.WriteAllBytesAsync(file, content);
        var (share, link) = await CliRun.ShareAsync(Relay, "--file", file);
        var here = TemporaryFolder.Create("cli-here");

        var receive = CliRun.Start(["receive", "--yes", link, "--out", "-"], currentDirectory: here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(content, receive.Console.RawOutput);
        Assert.Empty(Directory.GetFileSystemEntries(here));
        TemporaryFolder.Delete(here);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Share_Interrupted_CancelsTheShareBeforeExiting()
    {
        using var interrupt = new CancellationTokenSource();
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "not yet"], cancellationToken: interrupt.Token);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));

        await interrupt.CancelAsync();
        var exit = await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("cancelled", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ExpiredOrCancelled, await receive.Exit);
    }

    [Fact]
    public async Task Share_RecipientCancels_ExitsCancelledWithTheReason()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "VIN-10", "--format", "digitalwallet.carkey.ccc");
        using var url = TigressLink.Parse(link);
        using var recipient = TransferSession.Receive(new TigressClient(new MailboxClient(new HttpClient())), url);
        await recipient.StepAsync();

        await recipient.CancelAsync("Wrong car, sorry");
        var exit = await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.ExpiredOrCancelled, exit);
        Assert.Contains("Wrong car, sorry", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_ShowsQrCodeAndProgress_AndNeverTheSecretInMessages()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "with progress"], interactive: true);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(link, Assert.Single(share.Console.QrCodes));
        Assert.Contains("The recipient opened the share.", share.Console.Progress);
        Assert.Contains("The recipient confirmed receipt.", share.Console.Progress);
        Assert.Contains(share.Console.Messages, m => m.StartsWith("Done", StringComparison.Ordinal));
        var secret = link[(link.IndexOf('#') + 1)..];

        // On the terminal, the link appears in the QR code and in the command the recipient runs, nowhere else.
        var others = share.Console.Messages.Where(m => m != $"    tigress receive '{link}'");
        Assert.DoesNotContain(secret, string.Join("\n", [.. others, .. share.Console.Progress, .. share.Console.ErrorLines]), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, receive.Console.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_NoQr_ShowsNoQrCodeButStillTheCommandToRun()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "no qr", "--no-qr"], interactive: true);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => share.Console.Messages.Any(m => m.Contains("Ctrl-C cancels", StringComparison.Ordinal)));

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Empty(share.Console.QrCodes);
        Assert.Contains($"    tigress receive '{link}'", share.Console.Messages);
    }

    [Fact]
    public async Task Interactive_TellsTheSenderWhatTheRecipientRuns_AndTheCommandWorks()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "told what to run"], interactive: true);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => share.Console.Messages.Any(m => m.Contains("Ctrl-C cancels", StringComparison.Ordinal)));

        var messages = share.Console.Messages;
        var index = messages.ToList().IndexOf("The recipient can open the link in any browser, or run:");
        Assert.True(index >= 0, string.Join(" | ", messages));
        var command = messages[index + 2].Trim();
        Assert.Equal($"tigress receive '{link}'", command);

        // What the sender was told to pass on, run as written (its one shell word, unquoted), at a terminal that accepts.
        var receive = CliRun.Start(["receive", command["tigress receive '".Length..^1]], confirm: "y");
        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("told what to run", Encoding.UTF8.GetString(receive.Console.RawOutput));
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([link], share.Console.OutputLines);
    }

    [Fact]
    public async Task NotInteractive_StandardErrorStaysQuiet_AndStandardOutputIsTheLinkAlone()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "for a script");

        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([link], share.Console.OutputLines);
        Assert.Empty(share.Console.Messages);
        Assert.Empty(share.Console.ErrorLines);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task Help_ListsShareReceiveAndRelay()
    {
        var cli = await CliRun.RunAsync("--help");

        Assert.Equal(0, await cli.Exit);
        var help = cli.HelpOutput.ToString();
        Assert.Contains("share", help, StringComparison.Ordinal);
        Assert.Contains("receive", help, StringComparison.Ordinal);
        Assert.Contains("relay", help, StringComparison.Ordinal);
    }

    private static string Event(string line) => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()!;

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
}

using System.Text.Json;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>tigress share --binding dropbox</c> and <c>tigress receive</c> of an invitation, through a stock nginx
/// and through the relay's <c>/d/</c>.</summary>
public sealed class DropboxShareAndReceiveTests(DropboxFixture fixture) : IClassFixture<DropboxFixture>
{
    [Fact]
    public async Task RelayRoot_ShareText_ReceiveToFile_UsesTheRelaysDropbox()
    {
        var output = TempFile();
        var (share, link) = await CliRun.ShareAsync(fixture.Relay.BaseUri, "--binding", "dropbox", "--text", "the gate code is 4711");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("the gate code is 4711", await File.ReadAllTextAsync(output));
        Assert.StartsWith(fixture.Relay.BaseUri.AbsoluteUri + "d/#v=1&s=1301&r=", link, StringComparison.Ordinal);
        Assert.Equal(link, share.Console.OutputLines[0]);
        Assert.Empty(share.Console.ErrorLines);
        Assert.Empty(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task Nginx_ShareCarKey_Receive_CompletesWithVerifiedSignatureAndLeavesNothing()
    {
        var output = TempFile();
        var (share, link) = await CliRun.ShareAsync(
            fixture.Nginx.BaseUri, "--binding", "dropbox", "--text", "WVWZZZ1JZXW000003", "--vertical", "c", "--format", "digitalwallet.carkey.ccc");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.StartsWith(fixture.Nginx.BaseUri.AbsoluteUri + "#v=1&s=1301&r=", link, StringComparison.Ordinal);
        using var key = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        Assert.True(key.RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal("WVWZZZ1JZXW000003", key.RootElement.GetProperty("vehicleId").GetString());
        Assert.Empty(fixture.Nginx.StoredFiles);
    }

    [Theory]
    [InlineData("1302")]
    [InlineData("1303")]
    public async Task Suite_IsNamedInTheInvitation_AndTheTransferCompletes(string suite)
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Nginx.BaseUri, "--binding", "dropbox", "--suite", suite, "--text", "suite " + suite);

        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Contains("#v=1&s=" + suite + "&r=", link, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal("suite " + suite, System.Text.Encoding.UTF8.GetString(receive.Console.RawOutput));
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Json_BothSides_PrintEventsWithTheWaitDeadline()
    {
        var (share, first) = await CliRun.ShareAsync(fixture.Relay.BaseUri, "--binding", "dropbox", "--text", "json please", "--json", "--expires", "2h");
        var link = JsonDocument.Parse(first).RootElement.GetProperty("url").GetString()!;

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--json");
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["shared", "sent", "waiting", "claimed", "received", "completed"], share.Console.OutputLines.Select(Event));
        var until = DateTimeOffset.Parse(
            JsonDocument.Parse(share.Console.OutputLines[2]).RootElement.GetProperty("until").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));
        Assert.Equal(["claimed", "received", "sent", "completed"], receive.Console.OutputLines.Select(Event));
        Assert.Empty(receive.Console.ErrorLines);
    }

    [Fact]
    public async Task Receive_SecondTime_SaysNoLongerAvailable()
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Nginx.BaseUri, "--binding", "dropbox", "--text", "once");
        await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await second.Exit);
        Assert.Contains("no longer available", Assert.Single(second.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_Interrupted_WithdrawsTheInvitation()
    {
        using var interrupt = new CancellationTokenSource();
        var share = CliRun.Start(["share", "--relay", fixture.Nginx.BaseUri.AbsoluteUri, "--binding", "dropbox", "--text", "not yet"], cancellationToken: interrupt.Token);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));

        await interrupt.CancelAsync();
        var exit = await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("cancelled", Assert.Single(share.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ExpiredOrCancelled, await receive.Exit);
        Assert.Empty(fixture.Nginx.StoredFiles);
    }

    [Fact]
    public async Task Interactive_ShowsQrCodeAndWaitingProgress_AndNeverTheSecretInMessages()
    {
        var share = CliRun.Start(["share", "--relay", fixture.Nginx.BaseUri.AbsoluteUri, "--binding", "dropbox", "--text", "with progress"], interactive: true);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", TempFile());
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(link, Assert.Single(share.Console.QrCodes));
        Assert.Contains(share.Console.Progress, p => p.StartsWith("status: Waiting for the recipient to open the link (until ", StringComparison.Ordinal));
        Assert.Contains("The recipient confirmed receipt.", share.Console.Progress);
        var secret = link[(link.IndexOf("&r=", StringComparison.Ordinal) + 3)..];

        // The link appears in the QR code and, quoted for the shell, in the command the recipient runs; nowhere else.
        Assert.Contains($"    tigress receive '{link}'", share.Console.Messages);
        var others = share.Console.Messages.Where(m => m != $"    tigress receive '{link}'");
        Assert.DoesNotContain(secret, string.Join("\n", [.. others, .. share.Console.Progress, .. share.Console.ErrorLines]), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, receive.Console.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ServerNotListening_ExitsRelayUnreachable()
    {
        var receive = await CliRun.RunAsync("receive", "--yes", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/dav/#v=1&s=1301&r=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(ExitCodes.RelayUnreachable, await receive.Exit);
        Assert.Contains("could not be reached", Assert.Single(receive.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_ServerNotListening_ExitsRelayUnreachableAndPrintsNoLink()
    {
        var share = await CliRun.RunAsync("share", "--binding", "dropbox", "--relay", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/dav/", "--text", "x");

        Assert.Equal(ExitCodes.RelayUnreachable, await share.Exit);
        Assert.Empty(share.Console.OutputLines);
        Assert.Single(share.Console.ErrorLines);
    }

    private static string Event(string line) => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()!;

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
}

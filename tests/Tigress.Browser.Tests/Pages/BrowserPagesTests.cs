using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tigress.Browser.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Provisioning;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.CSharpSide;

namespace Tigress.Browser.Tests.Pages;

/// <summary>The relay's receive and share pages in headless Chromium, against a real loopback relay.</summary>
public sealed class BrowserPagesTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private const string Hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";

    [Fact]
    public async Task ReceivePage_PressReceive_ShowsContentAsText_SenderCompletes_NothingLeavesTheOrigin()
    {
        using var initiator = await ShareAsync($"secret {Hostile}", new DisplayInformation(Hostile, $"desc {Hostile}", new Uri("https://example.com/i.png")));
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);

        var page = (await Chromium.RunAsync("receive", link)).Single();

        Assert.Equal($"secret {Hostile}", page.GetProperty("content").GetString());
        Assert.Equal(Hostile, page.GetProperty("title").GetString());
        Assert.Equal($"desc {Hostile}", page.GetProperty("description").GetString());
        Assert.Equal(0, page.GetProperty("images").GetInt32());
        Assert.Empty(page.GetProperty("dialogs").EnumerateArray());
        Assert.Empty(page.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal(TransferStatus.Completed, (await sending).Status);
        Assert.DoesNotContain('#', page.GetProperty("address").GetString()!);
        Assert.Equal(0, page.GetProperty("storage").GetInt32());
        AssertStayedHome(page, link);
    }

    [Fact]
    public async Task ReceivePage_CrawlerRunsScriptsButNeverPresses_ShareIsNotConsumed()
    {
        using var initiator = await ShareAsync("still here");
        var link = await LinkAsync(initiator);

        var crawl = (await Chromium.RunAsync("crawl", link)).Single();

        Assert.True(crawl.GetProperty("scriptsRan").GetBoolean(), "the page's script ran");
        Assert.Equal("Receive", crawl.GetProperty("button").GetString());
        Assert.All(crawl.GetProperty("requests").EnumerateArray(), r => Assert.Equal("GET", r.GetProperty("method").GetString()));
        AssertStayedHome(crawl, link);

        // The rightful recipient, after the crawler, still gets it.
        var sending = RunAsync(initiator);
        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(link));
        var received = await RunAsync(recipient);
        Assert.Equal("still here", Encoding.UTF8.GetString(received.Content!));
        Assert.Equal(TransferStatus.Completed, (await sending).Status);
    }

    [Fact]
    public async Task ReceivePage_AlreadyUsedLink_SaysSoInAPage()
    {
        using var initiator = await ShareAsync("once only");
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);
        var first = (await Chromium.RunAsync("receive", link)).Single();
        Assert.Equal("once only", first.GetProperty("content").GetString());
        Assert.Equal(TransferStatus.Completed, (await sending).Status);

        var again = (await Chromium.RunAsync("receive", link)).Single();

        Assert.Contains("already received", again.GetProperty("gone").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("button").ValueKind);
    }

    [Fact]
    public async Task ReceivePage_ClaimedByAnotherDevice_SaysSo()
    {
        using var initiator = await ShareAsync("for someone else");
        var link = await LinkAsync(initiator);
        using var other = TransferSession.Receive(CreateClient(), TigressLink.Parse(link));
        await other.StepAsync(); // claims and reads; the initiator is not running, so the share stays open

        var page = (await Chromium.RunAsync("receive", link)).Single();

        Assert.Equal("claimed", page.GetProperty("code").GetString());
        Assert.Contains("another device", page.GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceivePage_PinShare_RightPin_Received()
    {
        var pin = Pin.Generate();
        using var initiator = await ShareAsync("behind a PIN", pin: pin);
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);

        var page = (await Chromium.RunAsync("receive", link, pin)).Single();

        Assert.True(page.GetProperty("hasPin").GetBoolean());
        Assert.Equal("behind a PIN", page.GetProperty("content").GetString());
        Assert.Equal(TransferStatus.Completed, (await sending).Status);
        AssertStayedHome(page, link);
    }

    [Fact]
    public async Task ReceivePage_PinShare_WrongPin_BothSidesSaySo()
    {
        using var initiator = await ShareAsync("never shown", pin: "135790");
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);

        var page = (await Chromium.RunAsync("receive", link, "135791")).Single();

        Assert.Equal("wrong-pin", page.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("content").ValueKind);
        var failure = await Assert.ThrowsAsync<TransferException>(() => sending);
        Assert.Equal(TransferError.WrongPin, failure.Error);
    }

    [Fact]
    public async Task ReceivePage_PreviewChangedOnTheRelay_WarnsAndShowsNothing()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "behind a changed label", changePreview: true);

        var page = (await Chromium.RunAsync("receive", share.Link)).Single();

        Assert.Equal("Interop (changed)", page.GetProperty("title").GetString());
        Assert.Equal("preview-mismatch", page.GetProperty("code").GetString());
        Assert.Contains("the relay changed it", page.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("content").ValueKind);
    }

    [Fact]
    public async Task ReceivePage_CarKeyLink_SaysWhichAppAndClaimsNothing()
    {
        using var initiator = await ShareAsync("not a car key really");
        var link = (await LinkAsync(initiator)).Replace("?v=a", "?v=c", StringComparison.Ordinal);

        var page = (await Chromium.RunAsync("receive", link)).Single();

        Assert.Contains("car key app", page.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("button").ValueKind);
        Assert.All(page.GetProperty("requests").EnumerateArray(), r => Assert.Equal("GET", r.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task SharePage_TigressReceive_GetsTheSecret_PageSaysReceived()
    {
        using var browser = Chromium.StartShare(fixture.BaseUri, "typed into the page \u00e9");
        var shared = await ReadLineAsync(browser);
        var link = shared.GetProperty("link").GetString()!;
        Assert.True(shared.GetProperty("qr").GetBoolean());
        Assert.Equal(JsonValueKind.Null, shared.GetProperty("pin").ValueKind);

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link);

        Assert.True(exitCode == 0, error);
        Assert.Equal("typed into the page \u00e9", output);
        var outcome = await ReadLineAsync(browser);
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["opened", "received"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        AssertStayedHome(outcome, link);
    }

    [Fact]
    public async Task SharePage_PinShare_TigressReceiveWithPin()
    {
        using var browser = Chromium.StartShare(fixture.BaseUri, "pin typed in the page", pin: "pin-page");
        var shared = await ReadLineAsync(browser);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.True(ShareUrl.Parse(link).RequiresPin);

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link, "--pin", pin);

        Assert.True(exitCode == 0, error);
        Assert.Equal("pin typed in the page", output);
        Assert.Equal("received", (await ReadLineAsync(browser)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task SharePage_PinShare_WrongPin_PageSaysSo()
    {
        using var browser = Chromium.StartShare(fixture.BaseUri, "never revealed", pin: "pin-page");
        var shared = await ReadLineAsync(browser);
        var link = shared.GetProperty("link").GetString()!;
        var wrong = shared.GetProperty("pin").GetString() == "000000" ? "111111" : "000000";

        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(link), wrong);
        var failure = await Assert.ThrowsAsync<TransferException>(() => RunAsync(recipient));

        Assert.Equal(TransferError.WrongPin, failure.Error);
        var outcome = await ReadLineAsync(browser);
        Assert.Equal("wrong-pin", outcome.GetProperty("outcome").GetString());
        Assert.Contains("wrong-pin", outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    private void AssertStayedHome(JsonElement page, string link) => PageChecks.StayedHome(page, link, fixture.BaseUri);

    private static Task<JsonElement> ReadLineAsync(Process browser) => PageChecks.ReadLineAsync(browser);

    private static Task<(int ExitCode, string Output, string Error)> RunTigressAsync(params string[] arguments) => PageChecks.RunTigressAsync(arguments);

    private Task<TransferSession> ShareAsync(string text, DisplayInformation? display = null, string? pin = null) =>
        CSharpSide.ShareAsync(fixture.BaseUri, text, display ?? new DisplayInformation("A key", "For the browser", new Uri("https://example.com/k.png")), pin);
}

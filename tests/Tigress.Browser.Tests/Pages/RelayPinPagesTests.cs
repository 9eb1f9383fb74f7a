using System.Text.Json;
using Tigress.Browser.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Provisioning;
using Tigress.Relay.Storage;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.PageChecks;

namespace Tigress.Browser.Tests.Pages;

/// <summary>
/// The relay-assisted PIN (docs/protocol.md section 12.6) in the browser pages, in Chromium, Firefox ESR and WebKitGTK,
/// against a real loopback relay: the share page may be closed once the link is shown, the receive page says how many
/// tries are left, that a share is locked, or that it was already received elsewhere.
/// </summary>
public sealed class RelayPinPagesTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task SharePage_RelayPin_TabClosed_ReceivedInAnotherBrowserAfterOneWrongPin()
    {
        // Share in Chromium and close the tab at once, as a person would once the link and PIN are shown.
        using var sharing = Chromium.StartShare(fixture.BaseUri, "sent while nobody watches", pin: "pin", close: true);
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        Assert.True(shared.GetProperty("pinModesOffered").GetBoolean(), "the relay offers the relay-assisted PIN, so the page offers it");
        Assert.Contains("e-mail or SMS", shared.GetProperty("advice").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Contains("&p=2#", link, StringComparison.Ordinal);
        Assert.StartsWith("You may close this page now", shared.GetProperty("closeNote").GetString(), StringComparison.Ordinal);
        var closed = await ReadLineAsync(sharing);
        Assert.True(closed.GetProperty("closed").GetBoolean(), "the page let itself be closed");
        Assert.Empty(closed.GetProperty("dialogs").EnumerateArray());
        Assert.True(sharing.WaitForExit(60_000), "the share scenario ended with its browser");

        // A new browser, with the sender's page gone: one wrong PIN, then the right one.
        var page = (await Chromium.RunAsync("receive", link, WrongPin(pin), pin)).Single();

        var attempts = page.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("wrong-pin", attempts[0].GetProperty("code").GetString());
        Assert.Equal("Wrong PIN; 2 tries left.", attempts[0].GetProperty("status").GetString());
        Assert.Equal("sent while nobody watches", page.GetProperty("content").GetString());
        Assert.Empty(page.GetProperty("pageErrors").EnumerateArray());
        StayedHome(page, link, fixture.BaseUri);

        // The relay counted one wrong guess, then bound the recipient, who wrote its receipt.
        Assert.Equal([MailboxEventKind.PinFailed, MailboxEventKind.Claimed, MailboxEventKind.Updated], await RelayLook.EventsAsync(fixture.Relay, link));
        Assert.Equal(MailboxStatus.WrongClaim, (await RelayLook.PinAsync(fixture.Relay, link)).Status);
    }

    [Fact]
    public async Task SharePage_RelayPin_PageOpen_ShowsTheWrongTry_ThenReceivedAndDeleted()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "watched from the page", pin: "pin");
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;

        var wrong = await JsClient.ReceiveAsync(link, WrongPin(pin));
        Assert.Equal("wrong-pin", wrong.GetProperty("code").GetString());
        Assert.Equal(2, wrong.GetProperty("guessesLeft").GetInt32());
        var right = await JsClient.ReceiveAsync(link, pin);
        Assert.True(right.GetProperty("ok").GetBoolean(), right.ToString());

        var outcome = await ReadLineAsync(sharing);
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["pin-failed", "opened", "received"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("A wrong PIN was tried; 2 tries left.", outcome.GetProperty("eventTexts").EnumerateArray().Select(e => e.GetString()));
        Assert.Null(await RelayLook.EventsAsync(fixture.Relay, link));
    }

    [Fact]
    public async Task ReceivePage_RelayPin_ThreeWrongPins_LockedAskForANewLink_SenderHearsIt()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "never opened", relayPin: true);
        var wrong = WrongPin(share.Pin!);

        var page = (await Chromium.RunAsync("receive", share.Link, wrong, wrong, wrong)).Single();

        var attempts = page.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(["wrong-pin", "wrong-pin", "locked"], attempts.Select(a => a.GetProperty("code").GetString()));
        Assert.Equal("Wrong PIN; 1 try left.", attempts[1].GetProperty("status").GetString());
        Assert.Contains("locked", attempts[2].GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Contains("Ask the sender for a new link", attempts[2].GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("content").ValueKind);
        var outcome = await share.OutcomeAsync();
        Assert.Equal("locked", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["pin-failed 2", "pin-failed 1", "pin-failed 0", "locked"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ReceivePage_RelayPin_AlreadyReceivedElsewhere_SaysToTellTheSender()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "for the first device", pin: "pin", close: true);
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());
        var first = await JsClient.ReceiveAsync(link, pin);
        Assert.True(first.GetProperty("ok").GetBoolean(), first.ToString());

        var page = (await Chromium.RunAsync("receive", link, pin)).Single();

        Assert.Equal("claimed", page.GetProperty("code").GetString());
        Assert.Contains("already received on another device", page.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Contains("Tell the sender", page.GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceivePage_RelayPin_Firefox_WrongPinThenRight_Received()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "received in Firefox \u00e9", relayPin: true);

        var page = (await Firefox.RunAsync("receive", share.Link, WrongPin(share.Pin!), share.Pin!)).Single();

        Assert.Equal("Wrong PIN; 2 tries left.", page.GetProperty("attempts")[0].GetProperty("status").GetString());
        Assert.Equal("received in Firefox \u00e9", page.GetProperty("content").GetString());
        Assert.DoesNotContain('#', page.GetProperty("address").GetString()!);
        Assert.Empty(page.GetProperty("pageErrors").EnumerateArray());
        StayedHome(page, share.Link, fixture.BaseUri);
        var outcome = await share.OutcomeAsync();
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ReceivePage_RelayPin_WebKit_WrongPinThenRight_Received()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "received in WebKit \u00e9", relayPin: true);

        var page = await WebKit.RunAsync("receive", share.Link, WrongPin(share.Pin!), share.Pin!);

        Assert.Contains("AppleWebKit", page.GetProperty("browser").GetString(), StringComparison.Ordinal);
        Assert.Equal("Receive", page.GetProperty("button").GetString());
        Assert.True(page.GetProperty("hasPin").GetBoolean());
        Assert.Equal("Wrong PIN; 2 tries left.", page.GetProperty("attempts")[0].GetProperty("status").GetString());
        Assert.Equal("received in WebKit \u00e9", page.GetProperty("content").GetString());
        Assert.DoesNotContain('#', page.GetProperty("address").GetString()!);
        var outcome = await share.OutcomeAsync();
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task SharePage_RelayPin_TabClosed_TigressReceiveWithThePin()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "from the page to the command line", pin: "pin", close: true);
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link, "--pin", pin);

        Assert.True(exitCode == 0, error);
        Assert.Equal("from the page to the command line", output);
    }

    [Fact]
    public async Task ReceivePage_CSharpSharesWithRelayPin_SenderGone_WrongPinThenRight_Received()
    {
        string link;
        const string Pin = "2604917";
        var display = new DisplayInformation("A key", "From the C# SDK", new Uri("https://example.com/k.png"));
        using (var initiator = await CSharpSide.ShareAsync(fixture.BaseUri, "from C# to the page", display, Pin, PinMode.RelayAssisted))
        {
            link = await CSharpSide.LinkAsync(initiator);
        }

        var page = (await Chromium.RunAsync("receive", link, "2604918", Pin)).Single();

        Assert.Equal("Wrong PIN; 2 tries left.", page.GetProperty("attempts")[0].GetProperty("status").GetString());
        Assert.Equal("from C# to the page", page.GetProperty("content").GetString());
        StayedHome(page, link, fixture.BaseUri);
    }

    /// <summary>A PIN of the same length that is not the right one.</summary>
    internal static string WrongPin(string pin) => pin[0] == '0' ? "1" + pin[1..] : "0" + pin[1..];
}

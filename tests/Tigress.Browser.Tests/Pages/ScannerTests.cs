using System.Net;
using System.Text;
using System.Text.Json;
using Tigress.Browser.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Provisioning;
using Tigress.Relay.Storage;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.CSharpSide;

namespace Tigress.Browser.Tests.Pages;

/// <summary>
/// What link scanners do to a share before its recipient opens it, for a plain share and for a relay-assisted PIN
/// share (docs/protocol.md section 12.6), each case checked on the relay's side (its event log, the PIN's guesses
/// left) and followed by the real recipient: (a) a previewer that GETs the link with a bot's user agent and runs no
/// script; (b) a headless browser that loads the receive page and runs its scripts; (c) a page Chromium prerenders
/// through speculation rules, clicked by a script while prerendered, then shown; (d) a bot that presses every button.
/// docs/security.md has the table these tests measure.
/// </summary>
public sealed class ScannerTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly string[] s_botAgents =
    [
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Microsoft Office/16.0; ms-office; MSOffice 16)",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Previewer_GetsTheLinkWithABotUserAgent_NothingSpent_RecipientReceives(bool pin)
    {
        await using var share = await Share.StartAsync(fixture, "previewed, not taken", pin);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        foreach (var agent in s_botAgents)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, share.Link[..share.Link.IndexOf('#', StringComparison.Ordinal)]);
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("og:title", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await share.AssertUntouchedAsync();
        await share.RecipientReceivesAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HeadlessBrowser_LoadsThePageAndRunsItsScripts_NothingSpent_RecipientReceives(bool pin)
    {
        await using var share = await Share.StartAsync(fixture, "crawled, not taken", pin);

        var crawl = (await Chromium.RunAsync("crawl", share.Link)).Single();

        Assert.True(crawl.GetProperty("scriptsRan").GetBoolean(), "the page's script ran");
        Assert.Equal(pin, crawl.GetProperty("hasPin").GetBoolean());
        Assert.All(crawl.GetProperty("requests").EnumerateArray(), r => Assert.Equal("GET", r.GetProperty("method").GetString()));
        await share.AssertUntouchedAsync();
        await share.RecipientReceivesAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Prerender_PageWaitsUntilShown_ScriptClicksFindNothing_NothingSpent_RecipientReceives(bool pin)
    {
        await using var share = await Share.StartAsync(fixture, "prerendered, not taken", pin);

        var run = (await Chromium.RunAsync("prerender", share.Link)).Single();

        // Chromium really prerendered the page (this is not an emulation): it ran hidden with document.prerendering.
        Assert.Contains("Ready", run.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()));
        var prerendered = run.GetProperty("prerendered");
        Assert.True(prerendered.GetProperty("prerendering").GetBoolean());
        Assert.Equal("hidden", prerendered.GetProperty("visibility").GetString());
        Assert.Equal(0, prerendered.GetProperty("buttons").GetInt32());
        Assert.Equal(0, prerendered.GetProperty("afterClicks").GetProperty("buttons").GetInt32());

        // Shown to a person, the same page offers Receive and has sent nothing.
        var shown = run.GetProperty("activated");
        Assert.True(shown.GetProperty("activated").GetBoolean(), "the prerendered page was the one shown");
        Assert.False(shown.GetProperty("prerendering").GetBoolean());
        Assert.Equal("Receive", shown.GetProperty("button").GetString());
        await share.AssertUntouchedAsync();
        await share.RecipientReceivesAsync();
    }

    [Fact]
    public async Task BotPressesEveryButton_PinShare_EmptyAndIncompletePinSendNothing_RecipientReceives()
    {
        await using var share = await Share.StartAsync(fixture, "pressed, not taken", pin: true);

        var bot = (await Chromium.RunAsync("press-all", share.Link)).Single();

        var presses = bot.GetProperty("presses").EnumerateArray().ToList();
        Assert.Equal(["empty PIN", "incomplete PIN", "script click()"], presses.Select(p => p.GetProperty("how").GetString()));
        Assert.Equal("pin-incomplete", presses[0].GetProperty("code").GetString());
        Assert.Equal("pin-incomplete", presses[1].GetProperty("code").GetString());
        Assert.All(presses, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("content").ValueKind));
        Assert.All(bot.GetProperty("requests").EnumerateArray(), r => Assert.Equal("GET", r.GetProperty("method").GetString()));
        await share.AssertUntouchedAsync();
        await share.RecipientReceivesAsync();
    }

    [Fact]
    public async Task BotPressesEveryButton_PlainShare_ItsPressTakesTheShare_OnlyScriptClicksAreIgnored()
    {
        // A plain share cannot tell a bot's press from a person's: this measures that honestly.
        await using var share = await Share.StartAsync(fixture, "taken by the bot", pin: false);

        var bot = (await Chromium.RunAsync("press-all", share.Link)).Single();

        var presses = bot.GetProperty("presses").EnumerateArray().ToList();
        Assert.Equal("taken by the bot", presses[0].GetProperty("content").GetString());
        Assert.Contains(MailboxEventKind.Claimed, await RelayLook.EventsAsync(fixture.Relay, share.Link) ?? []);
        await share.RecipientIsTooLateAsync();
    }

    [Fact]
    public async Task BotClicksFromAScript_PlainShare_NothingSpent_RecipientReceives()
    {
        await using var share = await Share.StartAsync(fixture, "script clicks are not presses", pin: false);

        var bot = (await Chromium.RunAsync("script-click", share.Link)).Single();

        Assert.Equal("Receive", bot.GetProperty("button").GetString());
        Assert.Equal(JsonValueKind.Null, bot.GetProperty("content").ValueKind);
        Assert.All(bot.GetProperty("requests").EnumerateArray(), r => Assert.Equal("GET", r.GetProperty("method").GetString()));
        await share.AssertUntouchedAsync();
        await share.RecipientReceivesAsync();
    }

    /// <summary>
    /// A share for one scanner case: a plain one made by the C# SDK (its recipient the SDK too), or a relay-assisted
    /// PIN share made by the JavaScript client in node (its recipient the JavaScript client, with the right PIN).
    /// </summary>
    private sealed class Share : IAsyncDisposable
    {
        private readonly LoopbackRelayFixture _fixture;
        private readonly string _text;
        private readonly TransferSession? _initiator;
        private readonly JsShare? _js;

        private Share(LoopbackRelayFixture fixture, string text, string link, TransferSession? initiator, JsShare? js)
        {
            _fixture = fixture;
            _text = text;
            Link = link;
            _initiator = initiator;
            _js = js;
        }

        public string Link { get; }

        public static async Task<Share> StartAsync(LoopbackRelayFixture fixture, string text, bool pin)
        {
            if (pin)
            {
                var js = await JsClient.ShareAsync(fixture.BaseUri, text, relayPin: true);
                Assert.Contains("&p=2#", js.Link, StringComparison.Ordinal);
                return new Share(fixture, text, js.Link, null, js);
            }

            var initiator = await CSharpSide.ShareAsync(fixture.BaseUri, text, new DisplayInformation("A key", "For the scanners", new Uri("https://example.com/k.png")));
            return new Share(fixture, text, await LinkAsync(initiator), initiator, null);
        }

        /// <summary>On the relay: nobody claimed the share, and no PIN guess was spent.</summary>
        public async Task AssertUntouchedAsync()
        {
            var events = await RelayLook.EventsAsync(_fixture.Relay, Link);
            Assert.NotNull(events);
            Assert.DoesNotContain(MailboxEventKind.Claimed, events);
            Assert.DoesNotContain(MailboxEventKind.PinFailed, events);
            if (_js is not null)
            {
                Assert.Equal((MailboxStatus.Ok, 3), await RelayLook.PinAsync(_fixture.Relay, Link));
            }
        }

        /// <summary>The real recipient receives the share, and the sender sees it received.</summary>
        public async Task RecipientReceivesAsync()
        {
            if (_js is not null)
            {
                var received = await JsClient.ReceiveAsync(Link, _js.Pin);
                Assert.True(received.GetProperty("ok").GetBoolean(), received.ToString());
                Assert.Equal(_text, Encoding.UTF8.GetString(Convert.FromBase64String(received.GetProperty("token").GetString()!)));
                Assert.Equal("received", (await _js.OutcomeAsync()).GetProperty("outcome").GetString());
                return;
            }

            var sending = RunAsync(_initiator!);
            using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(Link));
            var result = await RunAsync(recipient);
            Assert.Equal(_text, Encoding.UTF8.GetString(result.Content!));
            Assert.Equal(TransferStatus.Completed, (await sending).Status);
        }

        /// <summary>The real recipient comes after the share was taken: it gets nothing.</summary>
        public async Task RecipientIsTooLateAsync()
        {
            var sending = RunAsync(_initiator!);
            Assert.Equal(TransferStatus.Completed, (await sending).Status);
            // The sender deleted the share once the bot's receipt came: the link is gone for the person.
            Assert.Null(await RelayLook.EventsAsync(_fixture.Relay, Link));
            using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(Link));
            TransferResult? result = null;
            try
            {
                result = await RunAsync(recipient);
            }
            catch (TransferException)
            {
                // Refused outright: nothing received either.
            }

            Assert.True(result is null || (result.Status != TransferStatus.Completed && result.Content is null), $"the late recipient got {result?.Status}");
        }

        public ValueTask DisposeAsync()
        {
            _initiator?.Dispose();
            _js?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

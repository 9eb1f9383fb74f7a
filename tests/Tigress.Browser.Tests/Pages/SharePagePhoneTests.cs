using Tigress.Browser.Tests.TestServices;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.PageChecks;

namespace Tigress.Browser.Tests.Pages;

/// <summary>
/// What a phone's browser meets on the pages, against a real loopback relay: a QR code drawn at the screen's pixel
/// density, the system share sheet handed the link only, neutral words and the relay's own image where the sender gave
/// none, and no console error (a blocked icon) in Firefox.
/// </summary>
public sealed class SharePagePhoneTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task SharePage_ThreeTimesDensity_QrDrawnCrisp_ShareSheetGetsTheLinkNeverThePin()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "for a phone", pin: "pin", close: true, extra: ["--dpr=3", "--share-sheet"]);
        var shared = await ReadLineAsync(sharing);
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());

        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        var cssWidth = shared.GetProperty("qrCssWidth").GetDouble();
        Assert.True(cssWidth > 100, $"the code is {cssWidth} CSS pixels wide");
        Assert.Equal(3 * cssWidth, shared.GetProperty("qrWidth").GetInt32());
        Assert.True(shared.GetProperty("shareButton").GetBoolean(), "a browser with navigator.share gets the button");
        var handed = Assert.Single(shared.GetProperty("sheet").EnumerateArray());
        Assert.Equal(link, handed.GetProperty("url").GetString());
        Assert.Equal("From the browser", handed.GetProperty("title").GetString());
        Assert.DoesNotContain(pin, handed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharePage_NoTitleNoDescription_PreviewIsNeutral_WithTheRelaysImage_NoShareButtonWithoutASheet()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "no words given", close: true, extra: ["--title="]);
        var shared = await ReadLineAsync(sharing);
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());
        var link = shared.GetProperty("link").GetString()!;
        using var http = fixture.Relay.CreateClient();

        // What a chat app's previewer fetches.
        var preview = await http.GetStringAsync(new Uri(link).GetLeftPart(UriPartial.Path));

        Assert.Equal(shared.GetProperty("browserHasShare").GetBoolean(), shared.GetProperty("shareButton").GetBoolean());
        Assert.Contains("<meta property=\"og:title\" content=\"Something was shared with you\">", preview, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\" content=\"Open this link to receive it. It can be opened once, on one device.\">", preview, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:image\" content=\"{fixture.BaseUri.AbsoluteUri}web/preview.png\">", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("tigress receive", preview, StringComparison.OrdinalIgnoreCase);
        using var image = await http.GetAsync("web/preview.png");
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);

        // The receive page shows the same words, and the content arrives: the sealed copy of the preview matches.
        var page = (await Chromium.RunAsync("receive", link)).Single();
        Assert.Equal("Something was shared with you", page.GetProperty("title").GetString());
        Assert.Equal("no words given", page.GetProperty("content").GetString());
    }

    [Fact]
    public async Task SharePage_German_NoTitleNoDescription_PreviewReadsInTheSendersLanguage()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "keine Worte", close: true, extra: ["--title=", "--lang=de"]);
        var link = (await ReadLineAsync(sharing)).GetProperty("link").GetString()!;
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());
        using var http = fixture.Relay.CreateClient();

        var preview = await http.GetStringAsync(new Uri(link).GetLeftPart(UriPartial.Path));

        Assert.Contains("<meta property=\"og:title\" content=\"Jemand hat etwas mit Ihnen geteilt\">", preview, StringComparison.Ordinal);
        Assert.Matches("<meta property=\"og:description\" content=\"[^\"]+ diesen Link, um es zu empfangen\\.", preview);
        var page = (await Chromium.RunAsync("receive", link)).Single();
        Assert.Equal("Jemand hat etwas mit Ihnen geteilt", page.GetProperty("title").GetString());
        Assert.Equal("keine Worte", page.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Pages_Firefox_NoConsoleError_TheIconIsAllowed()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "looked at in Firefox");

        var receivePage = (await Firefox.RunAsync("crawl", share.Link)).Single();
        var sharePage = (await Firefox.RunAsync("crawl", fixture.BaseUri.AbsoluteUri)).Single();

        Assert.Empty(receivePage.GetProperty("consoleErrors").EnumerateArray());
        Assert.Empty(sharePage.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal("Receive", receivePage.GetProperty("button").GetString());
        Assert.Contains("in ", receivePage.GetProperty("expires").GetString(), StringComparison.Ordinal);
    }
}

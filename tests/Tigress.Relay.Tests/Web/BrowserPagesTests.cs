using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Web;

/// <summary>The share page, the embedded scripts and their integrity digests, the gone page, over real HTTP.</summary>
public sealed partial class BrowserPagesTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task SharePage_StrictHeaders_ScriptIntegrityMatchesTheServedScript()
    {
        using var response = await _api.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; script-src 'self'; connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("require-trusted-types-for 'script'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        await AssertIntegrityAsync(html, "share");
    }

    [Fact]
    public async Task ReceiveScript_IntegrityOnThePreviewPageMatchesTheServedScript()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        var html = await _api.Http.GetStringAsync($"v1/m/{mailbox.Id}");

        await AssertIntegrityAsync(html, "receive");
    }

    [Fact]
    public async Task WebAsset_Unknown_Is404Problem()
    {
        using var response = await _api.Http.GetAsync("web/nothing.js");

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
    }

    [Fact]
    public async Task Preview_GoneMailbox_ABrowserGetsAPageThatSaysSo_AProgramGetsTheProblem()
    {
        var claim = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(claim);
        using (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", claim))
        {
        }

        using var page = new HttpRequestMessage(HttpMethod.Get, $"v1/m/{mailbox.Id}");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var browser = await _api.Http.SendAsync(page);
        using var program = await _api.Http.GetAsync($"v1/m/{mailbox.Id}");

        Assert.Equal(HttpStatusCode.NotFound, browser.StatusCode);
        Assert.Equal("text/html", browser.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This link no longer works", await browser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", browser.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        await MailboxApi.AssertProblemAsync(program, 404, "not-found");
    }

    [Theory]
    [InlineData("de-CH, en;q=0.5", "de", "ltr", "Ein Geheimnis teilen")]
    [InlineData("ar-EG", "ar", "rtl", "مشاركة سرّ")]
    [InlineData("fr;q=0.1, es;q=0.9", "es", "ltr", "Compartir un secreto")]
    [InlineData("tlh, de;q=0", "en", "ltr", "Share a secret")]
    [InlineData("!!!;q=x, ,;", "en", "ltr", "Share a secret")]
    public async Task SharePage_AcceptLanguage_RenderedInTheFirstLanguageThePagesSpeak(string acceptLanguage, string language, string direction, string heading)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        using var response = await _api.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{language}\" dir=\"{direction}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1 data-i18n=\"share.title\">{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Equal(language, response.Content.Headers.ContentLanguage.Single());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task PreviewAndGonePages_ArabicBrowser_RightToLeft_SenderTextKeepsItsOwnDirection()
    {
        var claim = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(claim);

        using var preview = new HttpRequestMessage(HttpMethod.Get, $"v1/m/{mailbox.Id}");
        preview.Headers.Accept.ParseAdd("text/html");
        preview.Headers.AcceptLanguage.ParseAdd("ar");
        var previewHtml = await (await _api.Http.SendAsync(preview)).Content.ReadAsStringAsync();
        using (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", claim))
        {
        }

        using var gone = new HttpRequestMessage(HttpMethod.Get, $"v1/m/{mailbox.Id}");
        gone.Headers.Accept.ParseAdd("text/html");
        gone.Headers.AcceptLanguage.ParseAdd("ar");
        using var goneResponse = await _api.Http.SendAsync(gone);
        var goneHtml = await goneResponse.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", previewHtml, StringComparison.Ordinal);
        Assert.Matches("<h1 dir=\"auto\">[^<]+</h1>\\s*<p dir=\"auto\">", previewHtml);
        Assert.Contains("شارك أحدهم معك", previewHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, goneResponse.StatusCode);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", goneHtml, StringComparison.Ordinal);
        Assert.Contains("لم يعد هذا الرابط يعمل", goneHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("This link no longer works", goneHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserPagesOff_RootIsNotServed_PreviewStillIs()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:BrowserPages"] = "false" });
        using var http = relay.CreateClient();

        var api = new MailboxApi(http);
        var mailbox = await api.CreateAsync(Guid.NewGuid());

        using var root = await http.GetAsync("/");
        // The script the pages-on relay serves under its digest name is not served here.
        using var script = await http.GetAsync(WebAssetTests.ScriptPath(await _api.Http.GetStringAsync("/")));
        var preview = await http.GetStringAsync($"v1/m/{mailbox.Id}");

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
        Assert.Contains("og:title", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_OffByDefault_NoAllowOriginForAnyOrigin()
    {
        using var preflight = Preflight("https://app.example");
        using var response = await _api.Http.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_ConfiguredOrigin_PreflightAndCreateAllowed_OtherOriginsNot()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:CorsOrigins:0"] = "https://app.example" });
        using var http = relay.CreateClient();

        using var allowed = await http.SendAsync(Preflight("https://app.example"));
        using var other = await http.SendAsync(Preflight("https://evil.example"));
        using var create = new HttpRequestMessage(HttpMethod.Post, "v1/m") { Content = new StringContent(MailboxApi.CreateBody().ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        create.Headers.Add("Origin", "https://app.example");
        create.Headers.Add("Mailbox-Request-ID", Guid.NewGuid().ToString());
        create.Headers.Add("Mailbox-Device-Claim", Guid.NewGuid().ToString());
        using var created = await http.SendAsync(create);

        Assert.Equal("https://app.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowedHeaders = string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("mailbox-device-claim", allowedHeaders, StringComparison.Ordinal);
        Assert.Contains("mailbox-request-id", allowedHeaders, StringComparison.Ordinal);
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("https://app.example", created.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", string.Join(',', created.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://app.example/path")]
    [InlineData("app.example")]
    [InlineData("https://*.example")]
    public async Task Cors_MalformedOrigin_RelayRefusesToStart(string origin)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:CorsOrigins:0"] = origin }));

        Assert.Contains("Relay:CorsOrigins", failure.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"v1/m/{Guid.NewGuid()}");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "mailbox-request-id, mailbox-device-claim, content-type");
        return request;
    }

    private async Task AssertIntegrityAsync(string html, string script)
    {
        var match = ScriptTag().Match(html);
        Assert.True(match.Success, "the page names its script");
        Assert.Matches($"web/{script}\\.[0-9a-f]{{20}}\\.js$", match.Groups["src"].Value);
        Assert.Single(ScriptTag().Matches(html));
        var src = match.Groups["src"].Value;
        var body = await _api.Http.GetByteArrayAsync(src[src.IndexOf("web/", StringComparison.Ordinal)..]);
        Assert.Equal("sha384-" + Convert.ToBase64String(SHA384.HashData(body)), match.Groups["integrity"].Value);
    }

    [GeneratedRegex("<script type=\"module\" src=\"(?<src>[^\"]+)\" integrity=\"(?<integrity>[^\"]+)\"></script>")]
    private static partial Regex ScriptTag();
}

using System.Net;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Preview;

public sealed class PreviewPageTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Preview_LiveMailbox_HasOpenGraphTagsAndStrictHeaders_OnlyTheRelaysOwnReceiveScript()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        using var response = await _api.Http.GetAsync($"v1/m/{mailbox.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<meta property=\"og:title\" content=\"Car key\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\" content=\"Blue sedan, parked outside\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:image\" content=\"https://images.example.org/car.png\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:url\" content=\"{mailbox.UrlLink}\">", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("require-trusted-types-for 'script'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);

        // One script, the relay's own, named with its integrity digest; nothing inline, nothing from elsewhere.
        var script = Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>"));
        Assert.Matches("^<script type=\"module\" src=\"\\.\\./\\.\\./web/receive\\.[0-9a-f]{20}\\.js\" integrity=\"sha384-[A-Za-z0-9+/]{64}\">$", script.Value);
        Assert.Contains("></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preview_HostileDisplayStrings_AreHtmlEncoded()
    {
        const string Title = "\"><script>alert(1)</script>";
        const string Description = "<img src=x onerror=alert(2)> & 'quotes'";
        const string Image = "https://evil.example/x.png?a=\"><script>alert(3)</script>";
        var body = MailboxApi.CreateBody();
        body["displayInformation"] = MailboxApi.Display(Title, Description, Image);
        using var created = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);
        var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();

        var html = await _api.Http.GetStringAsync(link);

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><script>alert", html, StringComparison.Ordinal); // the page's own script tag aside, no attribute is broken out of
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_NeedsNoHeadersAndDoesNotClaim()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        using var anonymous = new HttpClient { BaseAddress = fixture.Relay.BaseUri };
        using var response = await anonymous.GetAsync($"v1/m/{mailbox.Id}");
        using var claim = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    [Fact]
    public async Task Preview_Head_AnswersHeadersWithoutBody()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        using var response = await _api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v1/m/{mailbox.Id}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Preview_UnknownMailbox_Answers404Problem()
    {
        using var response = await _api.Http.GetAsync($"v1/m/{Guid.NewGuid()}");

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
    }
}

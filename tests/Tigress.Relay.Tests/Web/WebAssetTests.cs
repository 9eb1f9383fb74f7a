using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Web;

/// <summary>
/// The pages' scripts, icon and default preview image over real HTTP: scripts named by their digest, compressed as
/// the request allows and cacheable for good; the HTML never cached; the preview's defaults.
/// </summary>
public sealed partial class WebAssetTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    /// <summary>The path (<c>web/share.….js</c>) of the script a page names.</summary>
    internal static string ScriptPath(string html)
    {
        var src = ScriptSource().Match(html).Groups["src"].Value;
        return src[src.IndexOf("web/", StringComparison.Ordinal)..];
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.4", "gzip")]
    [InlineData("*", "br")]
    [InlineData("identity", null)]
    [InlineData("", null)]
    [InlineData("br;q=nonsense,,;", null)]
    public async Task Script_AcceptEncoding_ChoosesTheEncoding_SameBytesOnceDecoded_CachedForAYear(string acceptEncoding, string? expected)
    {
        var path = ScriptPath(await _api.Http.GetStringAsync("/"));
        var plain = await _api.Http.GetByteArrayAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await _api.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Accept-Encoding", Assert.Single(response.Headers.Vary));
        Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.Equal(plain, Decode(body, expected));
        if (expected is not null)
        {
            Assert.True(body.Length < plain.Length / 2, $"{expected}: {body.Length} of {plain.Length} bytes");
        }
    }

    [Fact]
    public async Task Scripts_ReceiveScriptUnder50KBCompressed_NamesCarryTheirDigest()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var path = ScriptPath(await _api.Http.GetStringAsync($"v1/m/{mailbox.Id}"));
        var plain = await _api.Http.GetByteArrayAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Encoding", "br");

        using var response = await _api.Http.SendAsync(request);

        Assert.True(response.Content.Headers.ContentLength <= 50 * 1024, $"the receive script is {response.Content.Headers.ContentLength} bytes with Brotli");
        var digest = Convert.ToHexStringLower(SHA384.HashData(plain).AsSpan(0, 10));
        Assert.Equal($"web/receive.{digest}.js", path);
    }

    [Theory]
    [InlineData("web/receive.js")]
    [InlineData("web/share.js")]
    [InlineData("web/receive.00000000000000000000.js")]
    [InlineData("web/receive.0123.js")]
    [InlineData("web/..%2Freceive.js")]
    public async Task Script_NameWithoutItsDigest_Is404Problem(string path)
    {
        using var response = await _api.Http.GetAsync(path);

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
    }

    [Fact]
    public async Task Pages_StayNoStore_AllowTheirIcon_WhichIsServed()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        foreach (var page in new[] { "/", $"v1/m/{mailbox.Id}" })
        {
            using var response = await _api.Http.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.Headers.CacheControl?.NoStore, page);
            Assert.Contains("img-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            var icon = IconLink().Match(html);
            Assert.True(icon.Success, $"{page} names its icon");
            var href = icon.Groups["href"].Value;
            using var served = await _api.Http.GetAsync(href[href.IndexOf("web/", StringComparison.Ordinal)..]);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/svg+xml", served.Content.Headers.ContentType?.MediaType);
        }

        using var favicon = await _api.Http.GetAsync("favicon.ico");
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/svg+xml", favicon.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await favicon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_NoImageChosen_ShowsTheRelaysImage_ByItsPublicUrl_AndTheExpiry()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:PublicUrl"] = "https://relay.example/tigress" });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var body = MailboxApi.CreateBody(expiration: DateTimeOffset.UtcNow.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        body["displayInformation"] = MailboxApi.Display("A note", "For you", "https://tigress.invalid/credential.png");
        using var created = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);
        var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
        var id = link[(link.LastIndexOf('/') + 1)..];

        var html = await http.GetStringAsync($"v1/m/{id}");
        using var image = await http.GetAsync("web/preview.png");

        Assert.Contains("<meta property=\"og:image\" content=\"https://relay.example/tigress/web/preview.png\">", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(630, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

        // The expiry the relay keeps, for the page to say before anything is opened.
        using var read = await api.ReadAsync(Guid.Parse(id), Guid.NewGuid());
        var expiration = DateTimeOffset.Parse((await MailboxApi.JsonAsync(read))["expiration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<time datetime=\"{expiration.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ImageChosen_IsKept()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        var html = await _api.Http.GetStringAsync($"v1/m/{mailbox.Id}");

        Assert.Contains("<meta property=\"og:image\" content=\"https://images.example.org/car.png\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewImage_ServedWithBrowserPagesOff()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:BrowserPages"] = "false" });
        using var http = relay.CreateClient();

        using var image = await http.GetAsync("web/preview.png");

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null)
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("<script type=\"module\" src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<link rel=\"icon\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex IconLink();
}

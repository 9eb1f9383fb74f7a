using System.Net;
using System.Text.Json;
using Tigress.Relay.Hosting;
using Tigress.Testing;

namespace Tigress.Relay.Tests.AppLinks;

/// <summary>The app-link files under <c>/.well-known/</c>, over real HTTP: served from configuration as
/// <c>application/json</c>, absent unless configured, and a broken file stops the start.</summary>
public sealed class AppLinkTests : IDisposable
{
    private const string Apple = """{"applinks":{"details":[{"appIDs":["ABCDE12345.example.wallet"],"components":[{"/":"/v1/m/*"}]}]}}""";
    private const string Android = """[{"relation":["delegate_permission/common.handle_all_urls"],"target":{"namespace":"android_app","package_name":"example.wallet","sha256_cert_fingerprints":["14:6D:E9"]}}]""";

    private readonly string _folder = TemporaryFolder.Create("applinks");

    public void Dispose() => TemporaryFolder.Delete(_folder);

    [Fact]
    public async Task Configured_ServesBothFilesAsJson()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:AppLinks:AppleAppSiteAssociationPath"] = Write("aasa.json", Apple),
            ["Relay:AppLinks:AssetLinksPath"] = Write("assetlinks.json", Android),
        });
        using var client = relay.CreateClient();

        using var apple = await client.GetAsync("/.well-known/apple-app-site-association");
        using var android = await client.GetAsync("/.well-known/assetlinks.json");

        Assert.Equal(HttpStatusCode.OK, apple.StatusCode);
        Assert.Equal("application/json", apple.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Apple, await apple.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, android.StatusCode);
        Assert.Equal("application/json", android.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Android, await android.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NotConfigured_BothAre404()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var client = relay.CreateClient();

        using var apple = await client.GetAsync("/.well-known/apple-app-site-association");
        using var android = await client.GetAsync("/.well-known/assetlinks.json");

        Assert.Equal(HttpStatusCode.NotFound, apple.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, android.StatusCode);
    }

    [Fact]
    public async Task OnlyOneConfigured_TheOtherIs404()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:AppLinks:AssetLinksPath"] = Write("assetlinks.json", Android),
        });
        using var client = relay.CreateClient();

        using var apple = await client.GetAsync("/.well-known/apple-app-site-association");
        using var android = await client.GetAsync("/.well-known/assetlinks.json");

        Assert.Equal(HttpStatusCode.NotFound, apple.StatusCode);
        Assert.Equal(HttpStatusCode.OK, android.StatusCode);
        using var links = JsonDocument.Parse(await android.Content.ReadAsStringAsync());
        Assert.Equal("example.wallet", links.RootElement[0].GetProperty("target").GetProperty("package_name").GetString());
    }

    [Theory]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("\"a string\"", "must hold a JSON object or array")]
    [InlineData(null, "cannot read")]
    public void BrokenFile_StopsTheStartNamingTheSetting(string? content, string reason)
    {
        var path = content is null ? Path.Combine(_folder, "missing.json") : Write("bad.json", content);

        var error = Assert.Throws<RelayConfigurationException>(() => TigressRelayHost.Build(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Relay:DataDirectory"] = _folder,
            ["Relay:AppLinks:AppleAppSiteAssociationPath"] = path,
        }));

        Assert.StartsWith("Relay:AppLinks:AppleAppSiteAssociationPath: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Tigress.Relay.Hosting;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

public sealed class RelayConfigurationTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://192.168.1.10:8080")]
    [InlineData("http://relay.example.org:80")]
    public void Build_PlainHttpBeyondLoopback_IsRefusedWithAllowHttpHint(string urls)
    {
        var error = Assert.Throws<RelayConfigurationException>(() => TigressRelayHost.Build(Settings(urls)));

        Assert.Contains("Relay:AllowHttp", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:0")]
    [InlineData("http://[::1]:0")]
    public async Task Build_PlainHttpOnLoopback_IsAccepted(string urls)
    {
        await using var app = TigressRelayHost.Build(Settings(urls));

        Assert.NotNull(app);
    }

    [Fact]
    public async Task Build_PlainHttpBeyondLoopbackWithAllowHttp_IsAccepted()
    {
        var settings = Settings("http://0.0.0.0:0");
        settings["Relay:AllowHttp"] = "true";

        await using var app = TigressRelayHost.Build(settings);

        Assert.NotNull(app);
    }

    [Fact]
    public void Build_HttpsWithoutCertificate_IsRefused()
    {
        var error = Assert.Throws<RelayConfigurationException>(() => TigressRelayHost.Build(Settings("https://127.0.0.1:0")));

        Assert.Contains("Relay:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidOptions_FailsWithMessagesNamingTheSettings()
    {
        var settings = Settings("http://127.0.0.1:0");
        settings["Relay:PublicUrl"] = "not a url";
        settings["Relay:MaxPayloadBytes"] = "10";
        settings["Relay:MaxPinGuesses"] = "11";
        // Building resolves the store, which reads the options, so the failure comes at the latest on start.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = TigressRelayHost.Build(settings);
            await app.StartAsync();
        });

        Assert.Contains(error.Failures, f => f.Contains("PublicUrl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxPayloadBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxPinGuesses", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithPublicUrl_UsesItInUrlLinks()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:PublicUrl"] = "https://relay.example.org/tigress/" });
        using var http = relay.CreateClient();

        var mailbox = await new TestServices.MailboxApi(http).CreateAsync(Guid.NewGuid());

        Assert.StartsWith("https://relay.example.org/tigress/v1/m/", mailbox.UrlLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ConfigurationFiles_AreReadOnceWithoutAWatcher()
    {
        await using var app = TigressRelayHost.Build(Settings("http://127.0.0.1:0"));

        // A watcher over the working directory would wake on every write of a data folder inside it (the WAL).
        var files = ((IConfigurationBuilder)app.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched for changes"));
    }

    private static Dictionary<string, string?> Settings(string urls) => new()
    {
        ["Urls"] = urls,
        ["Relay:DataDirectory"] = Path.Combine(Path.GetTempPath(), "tigress-config-" + Guid.NewGuid().ToString("N")),
    };
}

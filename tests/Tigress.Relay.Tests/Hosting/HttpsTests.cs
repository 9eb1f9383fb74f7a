using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tigress.Relay.Hosting;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

public sealed class HttpsTests : IDisposable
{
    private readonly string _folder = TemporaryFolder.Create("https");
    private readonly X509Certificate2 _certificate;
    private readonly string _pfxPath;

    public HttpsTests()
    {
        _certificate = SelfSigned();
        _pfxPath = Path.Combine(_folder, "relay.pfx");
        File.WriteAllBytes(_pfxPath, _certificate.Export(X509ContentType.Pfx, "secret-password"));
    }

    [Fact]
    public async Task Relay_WithCertificate_ServesHttpsAndLinksUseIt()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Urls"] = "https://127.0.0.1:0",
            ["Relay:CertificatePath"] = _pfxPath,
            ["Relay:CertificatePassword"] = "secret-password",
        });
        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate this test made.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == _certificate.Thumbprint,
        };
        using var http = new HttpClient(handler) { BaseAddress = relay.BaseUri };

        Assert.Equal("https", relay.BaseUri.Scheme);
        var mailbox = await new TestServices.MailboxApi(http).CreateAsync(Guid.NewGuid());
        Assert.StartsWith("https://127.0.0.1:", mailbox.UrlLink, StringComparison.Ordinal);
        using var preview = await http.GetAsync($"v1/m/{mailbox.Id}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Fact]
    public async Task Relay_CertificateFileReplaced_ServesTheNewCertificateWithoutARestart()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Urls"] = "https://127.0.0.1:0",
            ["Relay:CertificatePath"] = _pfxPath,
            ["Relay:CertificatePassword"] = "secret-password",
        });
        Assert.Equal(_certificate.Thumbprint, await PresentedThumbprintAsync(relay.BaseUri));

        // A renewal: the new file is written beside the old one and moved over it, as certbot's deploy hooks do.
        using var renewed = SelfSigned();
        var staged = _pfxPath + ".new";
        await File.WriteAllBytesAsync(staged, renewed.Export(X509ContentType.Pfx, "secret-password"));
        File.Move(staged, _pfxPath, overwrite: true);

        var presented = await PresentedThumbprintAsync(relay.BaseUri);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (presented != renewed.Thumbprint && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            presented = await PresentedThumbprintAsync(relay.BaseUri);
        }

        Assert.Equal(renewed.Thumbprint, presented);
        Assert.NotEqual(_certificate.Thumbprint, renewed.Thumbprint);
    }

    [Fact]
    public void Relay_WithWrongCertificatePassword_FailsWithAMessageNamingTheSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "https://127.0.0.1:0",
            ["Relay:CertificatePath"] = _pfxPath,
            ["Relay:CertificatePassword"] = "wrong",
            ["Relay:DataDirectory"] = _folder,
        };

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = TigressRelayHost.Build(settings);
            app.StartAsync().GetAwaiter().GetResult();
        });

        var configuration = Assert.IsType<RelayConfigurationException>(error);
        Assert.Contains("Relay:CertificatePassword", configuration.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", configuration.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    // A new connection each time, so each sees the certificate the relay picks for a fresh handshake.
    private static async Task<string?> PresentedThumbprintAsync(Uri baseUri)
    {
        string? thumbprint = null;
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            thumbprint = presented?.GetCertHashString();
            return true;
        };
        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync("v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return thumbprint;
    }

    public void Dispose()
    {
        _certificate.Dispose();
        TemporaryFolder.Delete(_folder);
    }
}

using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tigress.Relay.Hosting;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>Setting push up: VAPID keys, the test-only loopback flag, the VAPID subject, turning push off.</summary>
public sealed class PushSetupTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task VapidKeys_GeneratedOnce_KeptOwnerOnly_AndTheSameAfterARestart()
    {
        var folder = TemporaryFolder.Create("vapid");
        try
        {
            string first;
            await using (var relay = await LoopbackRelay.StartAsync(dataDirectory: folder))
            {
                first = await VapidPublicKeyAsync(relay);
            }

            var file = Path.Combine(folder, "vapid.json");
            Assert.True(File.Exists(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(first, JsonNode.Parse(await File.ReadAllTextAsync(file))!["publicKey"]!.GetValue<string>());
            await using var again = await LoopbackRelay.StartAsync(dataDirectory: folder);
            Assert.Equal(first, await VapidPublicKeyAsync(again));
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task VapidKeys_FileReadableByOthers_IsNarrowedToTheOwner()
    {
        var folder = TemporaryFolder.Create("vapid-open");
        try
        {
            await using (await LoopbackRelay.StartAsync(dataDirectory: folder))
            {
            }

            var file = Path.Combine(folder, "vapid.json");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await using (await LoopbackRelay.StartAsync(dataDirectory: folder))
            {
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task VapidKeys_FromConfiguration_AreUsed_AndNoFileIsWritten()
    {
        var (publicKey, privateKey) = NewKeyPair();
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Push:VapidPublicKey"] = publicKey,
            ["Relay:Push:VapidPrivateKey"] = privateKey,
        });

        Assert.Equal(publicKey, await VapidPublicKeyAsync(relay));
        Assert.False(File.Exists(Path.Combine(relay.DataDirectory, "vapid.json")));
    }

    [Fact]
    public async Task VapidKeys_PublicKeyOfAnotherPair_StopsTheRelayAtStart()
    {
        var (publicKey, _) = NewKeyPair();
        var (_, privateKey) = NewKeyPair();

        var error = await Assert.ThrowsAsync<RelayConfigurationException>(() => LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Push:VapidPublicKey"] = publicKey,
            ["Relay:Push:VapidPrivateKey"] = privateKey,
        }));

        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Relay:Push:VapidSubject", "ops@example.org", "VapidSubject")]
    [InlineData("Relay:Push:VapidSubject", "http://example.org/contact", "VapidSubject")]
    [InlineData("Relay:Push:VapidPublicKey", "BAAA", "VapidPrivateKey")]
    [InlineData("Relay:Push:QueueCapacity", "0", "QueueCapacity")]
    [InlineData("Relay:Push:SendTimeout", "00:00:00", "SendTimeout")]
    [InlineData("Relay:Events:MaxStreamsPerMailbox", "0", "MaxStreamsPerMailbox")]
    public async Task Start_BadPushOrEventSetting_FailsNamingIt(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackRelay.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(error.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mailto:ops@example.org")]
    [InlineData("https://relay.example.org/contact")]
    public async Task Start_GoodVapidSubject_Starts(string subject)
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:Push:VapidSubject"] = subject });

        Assert.NotNull(await VapidPublicKeyAsync(relay));
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0;http://192.168.1.10:0")]
    public void Build_AllowLoopbackWhileListeningBeyondLoopback_IsRefused(string urls)
    {
        var error = Assert.Throws<RelayConfigurationException>(() => TigressRelayHost.Build(new Dictionary<string, string?>
        {
            ["Urls"] = urls,
            ["Relay:AllowHttp"] = "true",
            ["Relay:Push:AllowLoopback"] = "true",
            ["Relay:DataDirectory"] = Path.Combine(Path.GetTempPath(), "tigress-push-" + Guid.NewGuid().ToString("N")),
        }));

        Assert.Contains("Relay:Push:AllowLoopback", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForceAllowLoopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_AllowLoopbackWithForce_IsAccepted()
    {
        await using var app = TigressRelayHost.Build(new Dictionary<string, string?>
        {
            ["Urls"] = "http://0.0.0.0:0",
            ["Relay:AllowHttp"] = "true",
            ["Relay:Push:AllowLoopback"] = "true",
            ["Relay:Push:ForceAllowLoopback"] = "true",
            ["Relay:DataDirectory"] = Path.Combine(Path.GetTempPath(), "tigress-push-" + Guid.NewGuid().ToString("N")),
        });

        Assert.NotNull(app);
    }

    [Fact]
    public async Task PushDisabled_NoTypesNoKey_AndWebPushTokensAreStoredUnsupported()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:Push:Enabled"] = "false" });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        using var device = new TestSubscription("https://push.example.org/send/1");
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = device.Token();

        var capabilities = JsonNode.Parse(await http.GetStringAsync("v1"))!;
        using var created = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Empty(capabilities["notificationTokenTypes"]!.AsArray());
        Assert.Null(capabilities["vapidPublicKey"]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.False((await MailboxApi.JsonAsync(created))["isPushNotificationSupported"]!.GetValue<bool>());
        Assert.False(File.Exists(Path.Combine(relay.DataDirectory, "vapid.json")));
    }

    [Fact]
    public void TestRelays_PushClientConnectsToLoopbackOnly_WhateverATestConfigures()
    {
        var filter = new Tigress.Relay.Notifications.PushConnectFilter(loopbackOnly: true);

        Assert.True(filter.Allows(IPAddress.Loopback));
        Assert.True(filter.Allows(IPAddress.IPv6Loopback));
        Assert.False(filter.Allows(IPAddress.Parse("127.0.0.2")));
        Assert.False(filter.Allows(IPAddress.Parse("8.8.8.8")));
        Assert.True(new Tigress.Relay.Notifications.PushConnectFilter(loopbackOnly: false).Allows(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public async Task TestRelays_LoopbackOnlyIsForcedOn()
    {
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:Push:LoopbackOnly"] = "false" });
        var filter = (Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Tigress.Relay.Notifications.IPushConnectFilter>(relay.Services));

        Assert.False(filter.Allows(IPAddress.Parse("8.8.8.8")));
        Assert.True(filter.Allows(IPAddress.Loopback));
    }

    private static async Task<string> VapidPublicKeyAsync(LoopbackRelay relay)
    {
        using var http = relay.CreateClient();
        var key = JsonNode.Parse(await http.GetStringAsync("v1"))!["vapidPublicKey"]!.GetValue<string>();
        Assert.Equal(65, Base64Url.DecodeFromChars(key).Length);
        return key;
    }

    private static (string Public, string Private) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(true);
        return (Base64Url.EncodeToString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), Base64Url.EncodeToString(parameters.D));
    }
}

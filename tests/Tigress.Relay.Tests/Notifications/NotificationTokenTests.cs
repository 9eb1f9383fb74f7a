using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>
/// Notification tokens at the API: a malformed webpush token is a 400 problem+json (never a 5xx), a token of a type
/// without a provider is stored but not supported. Nothing here is ever sent: the relay refuses loopback endpoints.
/// </summary>
public sealed class NotificationTokenTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private const string Endpoint = "https://push.example.org/send/abc";
    private static readonly string s_p256dh = NewPublicKey();
    private static readonly string s_auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private readonly MailboxApi _api = fixture.Api;

    public static TheoryData<string, string> MalformedWebPush => new()
    {
        { "not JSON in a string", "\"{not json\"" },
        { "a JSON string that is not an object", "\"[1,2]\"" },
        { "a number", "42" },
        { "no endpoint", Subscription(endpoint: null) },
        { "endpoint not a string", $$$"""{"endpoint":7,"keys":{"p256dh":"{{{s_p256dh}}}","auth":"{{{s_auth}}}"}}""" },
        { "endpoint not https", Subscription(endpoint: "http://push.example.org/send") },
        { "endpoint relative", Subscription(endpoint: "/send/abc") },
        { "endpoint on loopback", Subscription(endpoint: "https://127.0.0.1:8443/send") },
        { "endpoint on IPv6 loopback", Subscription(endpoint: "https://[::1]/send") },
        { "endpoint on a private address", Subscription(endpoint: "https://10.1.2.3/send") },
        { "endpoint on the metadata address", Subscription(endpoint: "https://169.254.169.254/latest") },
        { "endpoint named localhost", Subscription(endpoint: "https://localhost/send") },
        { "no keys", $$"""{"endpoint":"{{Endpoint}}"}""" },
        { "no p256dh", $$$"""{"endpoint":"{{{Endpoint}}}","keys":{"auth":"{{{s_auth}}}"}}""" },
        { "no auth", $$$"""{"endpoint":"{{{Endpoint}}}","keys":{"p256dh":"{{{s_p256dh}}}"}}""" },
        { "p256dh not base64url", Subscription(p256dh: "not*base64url!") },
        { "p256dh compressed", Subscription(p256dh: Base64Url.EncodeToString([0x02, .. new byte[32]])) },
        { "p256dh 64 bytes", Subscription(p256dh: Base64Url.EncodeToString(Base64Url.DecodeFromChars(s_p256dh)[1..])) },
        { "p256dh off the curve", Subscription(p256dh: Base64Url.EncodeToString([0x04, .. Enumerable.Repeat((byte)1, 64)])) },
        { "auth 15 bytes", Subscription(auth: Base64Url.EncodeToString(new byte[15])) },
        { "auth 17 bytes", Subscription(auth: Base64Url.EncodeToString(new byte[17])) },
        { "auth not base64url", Subscription(auth: "%%%%") },
    };

    [Theory]
    [MemberData(nameof(MalformedWebPush))]
    public async Task Create_MalformedWebPushToken_Is400ProblemJson(string why, string tokenData)
    {
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = new JsonObject { ["type"] = "webpush", ["tokenData"] = JsonNode.Parse(tokenData) };

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains("notificationToken", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("push.example.org", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Theory]
    [MemberData(nameof(MalformedWebPush))]
    public async Task ReadAndUpdate_MalformedWebPushToken_Is400AndBindsNothing(string why, string tokenData)
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var token = new JsonObject { ["notificationToken"] = new JsonObject { ["type"] = "webpush", ["tokenData"] = JsonNode.Parse(tokenData) } };

        using var read = await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), token);
        using var update = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, token.DeepClone());

        await MailboxApi.AssertProblemAsync(read, 400, "invalid-request");
        await MailboxApi.AssertProblemAsync(update, 400, "invalid-request");
        using var claim = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());
        Assert.True(claim.StatusCode == HttpStatusCode.OK, why);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_ValidWebPushToken_AsObjectOrString_IsSupported(bool asString)
    {
        var body = MailboxApi.CreateBody();
        var subscription = JsonNode.Parse(Subscription())!;
        body["notificationToken"] = new JsonObject { ["type"] = "webpush", ["tokenData"] = asString ? JsonValue.Create(subscription.ToJsonString()) : subscription };

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await MailboxApi.JsonAsync(response))["isPushNotificationSupported"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("com.apple.apns", "\"a1b2c3d4e5f6\"")]
    [InlineData("com.google.fcm", "{\"token\":\"fcm-registration-token\"}")]
    [InlineData("org.example.other", "\"anything\"")]
    public async Task CreateAndUpdate_TypeWithoutProvider_IsStoredButNotSupported(string type, string tokenData)
    {
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = new JsonObject { ["type"] = type, ["tokenData"] = JsonNode.Parse(tokenData) };
        var initiator = Guid.NewGuid();

        using var created = await _api.SendAsync(HttpMethod.Post, "v1/m", initiator, body);
        var answer = await MailboxApi.JsonAsync(created);
        var link = answer["urlLink"]!.GetValue<string>();
        using var updated = await _api.SendAsync(HttpMethod.Put, link[link.IndexOf("v1/m/", StringComparison.Ordinal)..], initiator, new JsonObject { ["notificationToken"] = body["notificationToken"]!.DeepClone() });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.False(answer["isPushNotificationSupported"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.False((await MailboxApi.JsonAsync(updated))["isPushNotificationSupported"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_TokenOver4KiB_Is413()
    {
        var body = MailboxApi.CreateBody();
        var subscription = JsonNode.Parse(Subscription(endpoint: Endpoint + "?" + new string('a', 4200)))!;
        body["notificationToken"] = new JsonObject { ["type"] = "webpush", ["tokenData"] = subscription };

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 413, "payload-too-large");
    }

    private static string Subscription(string? endpoint = Endpoint, string? p256dh = null, string? auth = null)
    {
        var json = new JsonObject { ["keys"] = new JsonObject { ["p256dh"] = p256dh ?? s_p256dh, ["auth"] = auth ?? s_auth } };
        if (endpoint is not null)
        {
            json["endpoint"] = endpoint;
        }

        return json.ToJsonString();
    }

    private static string NewPublicKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
    }
}

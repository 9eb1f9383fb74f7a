using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>
/// Web Push end to end: a real relay posts to a push service played by Kestrel on 127.0.0.1 over plain HTTP
/// (allowed by Relay:Push:AllowLoopback, for tests only), and the message is decrypted by the independent http_ece
/// implementation under node, the VAPID token checked as a push service would.
/// </summary>
public sealed class PushDeliveryTests : IAsyncLifetime
{
    private const string Subject = "mailto:push-tests@example.org";

    private LoopbackRelay _relay = null!;
    private FakePushService _push = null!;
    private MailboxApi _api = null!;
    private RelayMeasurements _measurements = null!;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        _relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Push:AllowLoopback"] = "true",
            ["Relay:Push:VapidSubject"] = Subject,
        });
        _api = new MailboxApi(_relay.CreateClient());
        _measurements = new RelayMeasurements(_relay.Services);
    }

    public async Task DisposeAsync()
    {
        _measurements.Dispose();
        _api.Http.Dispose();
        await _relay.DisposeAsync();
        await _push.DisposeAsync();
    }

    [Fact]
    public async Task Push_OtherSideWrites_AnIndependentImplementationDecryptsAWakeUpSignedWithTheRelaysVapidKey()
    {
        // Arrange: the recipient registers its subscription, as a JSON string, with its first read.
        using var device = new TestSubscription(_push.Endpoint("recipient-1"));
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var payload = MailboxApi.SealedData();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW", expiration: Rfc3339(DateTimeOffset.UtcNow.AddMinutes(10)));
        using (var claim = await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["notificationToken"] = device.Token(asString: true) }))
        {
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        }

        // Act
        using (var write = await _api.WriteAsync(mailbox.Id, initiator, payload))
        {
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }

        var push = await _push.NextAsync("recipient-1");

        // Assert: content, only the mailbox and the event.
        var content = JsonNode.Parse(await NodeTools.DecryptAsync(push.Body, device))!.AsObject();
        Assert.Equal(mailbox.Id.ToString(), content["mailbox"]!.GetValue<string>());
        Assert.Equal("updated", content["event"]!.GetValue<string>());
        Assert.Equal(2, content.Count);
        Assert.Equal("aes128gcm", push.Header("Content-Encoding"));

        // Delivery headers: TTL within the mailbox's remaining life, a per-mailbox Topic that is not the id, urgency.
        var ttl = int.Parse(push.Header("TTL")!, CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 540, 600);
        var topic = push.Header("Topic")!;
        Assert.Matches("^[A-Za-z0-9_-]{1,32}$", topic);
        Assert.DoesNotContain(mailbox.Id.ToString("N")[..8], topic, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("high", push.Header("Urgency"));

        // VAPID (RFC 8292): signed by the key the capability document publishes, for this push service's origin.
        var capabilities = JsonNode.Parse(await _api.Http.GetStringAsync("v1"))!;
        var publicKey = capabilities["vapidPublicKey"]!.GetValue<string>();
        var claims = VapidToken.Verify(push.Header("Authorization"), publicKey);
        Assert.Equal(_push.BaseUri.GetLeftPart(UriPartial.Authority), claims["aud"]!.GetValue<string>());
        Assert.Equal(Subject, claims["sub"]!.GetValue<string>());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]!.GetValue<long>());
        Assert.InRange(expires, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(24));

        // The same mailbox keeps its Topic, so queued wake-ups collapse; another mailbox has its own.
        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        Assert.Equal(topic, (await _push.NextAsync("recipient-1")).Header("Topic"));
        Assert.NotEqual(topic, Convert.ToBase64String(mailbox.Id.ToByteArray()));
    }

    [Fact]
    public async Task Push_RecipientClaims_WakesTheInitiator_AndCreateSaysPushIsSupported()
    {
        using var device = new TestSubscription(_push.Endpoint("initiator-2"));
        var initiator = Guid.NewGuid();
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = device.Token();
        using var created = await _api.SendAsync(HttpMethod.Post, "v1/m", initiator, body);
        var answer = await MailboxApi.JsonAsync(created);
        Assert.True(answer["isPushNotificationSupported"]!.GetValue<bool>());
        var link = answer["urlLink"]!.GetValue<string>();
        var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);

        (await _api.ReadAsync(id, Guid.NewGuid())).Dispose();

        var push = await _push.NextAsync("initiator-2");
        var content = JsonNode.Parse(await NodeTools.DecryptAsync(push.Body, device))!;
        Assert.Equal("claimed", content["event"]!.GetValue<string>());
        Assert.Equal(id.ToString(), content["mailbox"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_WrongPinProof_WakesTheInitiator()
    {
        using var device = new TestSubscription(_push.Endpoint("initiator-pin"));
        var share = new TestPinShare();
        var body = share.CreateBody(guesses: 3);
        body["notificationToken"] = device.Token();
        using var created = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);
        var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
        var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);

        using var wrong = await TestPinShare.ReadAsync(_api, id, Guid.NewGuid(), System.Buffers.Text.Base64Url.EncodeToString(new byte[32]));

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var push = await _push.NextAsync("initiator-pin");
        var content = JsonNode.Parse(await NodeTools.DecryptAsync(push.Body, device))!;
        Assert.Equal("pin-failed", content["event"]!.GetValue<string>());
        Assert.Equal(id.ToString(), content["mailbox"]!.GetValue<string>());
        Assert.Equal("high", push.Header("Urgency"));
    }

    [Fact]
    public async Task Push_Delete_WakesBothSides()
    {
        using var initiatorDevice = new TestSubscription(_push.Endpoint("initiator-3"));
        using var recipientDevice = new TestSubscription(_push.Endpoint("recipient-3"));
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        (await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, new JsonObject { ["notificationToken"] = initiatorDevice.Token() })).Dispose();
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["notificationToken"] = recipientDevice.Token() })).Dispose();
        await _push.NextAsync("initiator-3");

        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", recipient)).Dispose();

        var toInitiator = JsonNode.Parse(await NodeTools.DecryptAsync((await _push.NextAsync("initiator-3")).Body, initiatorDevice))!;
        var toRecipient = JsonNode.Parse(await NodeTools.DecryptAsync((await _push.NextAsync("recipient-3")).Body, recipientDevice))!;
        Assert.Equal("deleted", toInitiator["event"]!.GetValue<string>());
        Assert.Equal("deleted", toRecipient["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_ServiceAnswers410_TheTokenIsForgotten_AndTheNextWriteSendsNothing()
    {
        using var device = new TestSubscription(_push.Endpoint("recipient-4"));
        using var control = new TestSubscription(_push.Endpoint("initiator-4"));
        _push.Answer("recipient-4", StatusCodes410);
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["notificationToken"] = device.Token() })).Dispose();
        (await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, new JsonObject { ["notificationToken"] = control.Token() })).Dispose();

        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        await _push.NextAsync("recipient-4");
        await Eventually.TrueAsync(() => _measurements.Pushes("gone") == 1, "the relay heard the 410");
        await Eventually.TrueAsync(() => RecipientToken(mailbox.Id) is null, "the token was forgotten");

        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();

        // The initiator's push proves the dispatcher ran after the second write; the recipient's endpoint hears nothing.
        await _push.NextAsync("initiator-4");
        await _push.ExpectNoneAsync("recipient-4", TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, _measurements.Pushes("gone"));
    }

    [Fact]
    public async Task Push_SlowPushService_NeverDelaysTheApi()
    {
        using var device = new TestSubscription(_push.Endpoint("recipient-5"));
        _push.Answer("recipient-5", 201, delay: TimeSpan.FromSeconds(10));
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["notificationToken"] = device.Token() })).Dispose();
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient);

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var write = await _api.WriteAsync(mailbox.Id, initiator);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
            slowest = elapsed > slowest ? elapsed : slowest;
            // Within 5 s even on a loaded machine: half the 10 s the push service sleeps on each message.
            await stream.ExpectAsync(i + 2, "updated", "initiator", TimeSpan.FromSeconds(5));
        }

        // The push service is still sleeping on the first message while every write has long been answered.
        await _push.NextAsync("recipient-5");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"A write took {slowest.TotalMilliseconds:F0} ms.");
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Push_ServiceAnswersBusyThenAccepts_IsRetriedAfterABackoff(int busy)
    {
        using var device = new TestSubscription(_push.Endpoint($"recipient-6-{busy}"));
        _push.Answer($"recipient-6-{busy}", 201, TimeSpan.Zero, busy);
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), new JsonObject { ["notificationToken"] = device.Token() })).Dispose();

        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        var first = await _push.NextAsync($"recipient-6-{busy}");
        var second = await _push.NextAsync($"recipient-6-{busy}");

        var gap = Stopwatch.GetElapsedTime(first.ReceivedAt, second.ReceivedAt);
        Assert.InRange(gap, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
        Assert.Equal("updated", JsonNode.Parse(await NodeTools.DecryptAsync(second.Body, device))!["event"]!.GetValue<string>());
        await Eventually.TrueAsync(() => _measurements.Pushes("delivered") >= 1 && _measurements.Pushes("retry") >= 1, "the retry was counted");
    }

    [Fact]
    public async Task Push_TokenOnlyUpdate_WakesNobody_AndAnswersPushSupported()
    {
        using var initiatorDevice = new TestSubscription(_push.Endpoint("initiator-7"));
        using var recipientDevice = new TestSubscription(_push.Endpoint("recipient-7"));
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["notificationToken"] = recipientDevice.Token() })).Dispose();

        using var update = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, new JsonObject { ["notificationToken"] = initiatorDevice.Token() });
        using var plainWrite = await _api.WriteAsync(mailbox.Id, initiator);

        Assert.True((await MailboxApi.JsonAsync(update))["isPushNotificationSupported"]!.GetValue<bool>());
        Assert.False((await MailboxApi.JsonAsync(plainWrite))["isPushNotificationSupported"]!.GetValue<bool>());
        Assert.Equal("updated", JsonNode.Parse(await NodeTools.DecryptAsync((await _push.NextAsync("recipient-7")).Body, recipientDevice))!["event"]!.GetValue<string>());
        await _push.ExpectNoneAsync("recipient-7", TimeSpan.FromMilliseconds(300));
        await _push.ExpectNoneAsync("initiator-7", TimeSpan.Zero);
    }

    private const int StatusCodes410 = 410;

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private byte[]? RecipientToken(Guid id)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_relay.DataDirectory, "relay.db")};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT recipient_token FROM mailbox WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.ToByteArray());
        return command.ExecuteScalar() as byte[];
    }
}

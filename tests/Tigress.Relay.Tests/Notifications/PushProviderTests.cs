using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tigress.Relay.Notifications;
using Tigress.Relay.Storage;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Notifications;

/// <summary>
/// A deployment's own <see cref="IPushProvider"/> (as one for APNs or FCM would be): listed in the capability
/// document, asked to validate tokens, and handed wake-ups with the mailbox, the event, a TTL bounded by the
/// mailbox's life and a per-mailbox topic; on expiry both sides are woken with a TTL of zero.
/// </summary>
public sealed class PushProviderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingProvider _provider = new();
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        _relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Relay:SweepInterval"] = "7.00:00:00" },
            services =>
            {
                services.AddKeyedSingleton<TimeProvider>(Tigress.Relay.Hosting.RelayOptions.ClockServiceKey, _time);
                services.AddSingleton<IPushProvider>(_provider);
            });
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Capabilities_ListWebPushThenTheRegisteredProvider()
    {
        var json = JsonNode.Parse(await _api.Http.GetStringAsync("v1"))!;

        Assert.Equal(["webpush", RecordingProvider.Type], json["notificationTokenTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Theory]
    [InlineData("\"bad-token\"", "must start with 'device-'")]
    [InlineData("\"throw\"", "could not read it")]
    public async Task Register_TokenTheProviderRefuses_Is400WithItsReason(string tokenData, string reason)
    {
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = new JsonObject { ["type"] = RecordingProvider.Type, ["tokenData"] = JsonNode.Parse(tokenData) };

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        var problem = await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
        Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_WakesTheInitiatorThroughTheProvider_WithTtlTopicAndContent()
    {
        var initiator = Guid.NewGuid();
        var body = MailboxApi.CreateBody(expiration: Rfc3339(_time.GetUtcNow().AddMinutes(30)));
        body["notificationToken"] = Token("device-initiator");
        using var created = await _api.SendAsync(HttpMethod.Post, "v1/m", initiator, body);
        var answer = await MailboxApi.JsonAsync(created);
        Assert.True(answer["isPushNotificationSupported"]!.GetValue<bool>());
        var link = answer["urlLink"]!.GetValue<string>();
        var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);

        (await _api.ReadAsync(id, Guid.NewGuid())).Dispose();
        var wakeUp = await _provider.NextAsync();

        Assert.Equal("device-initiator", wakeUp.TokenData.GetString());
        Assert.Equal(id, wakeUp.MailboxId);
        Assert.Equal(MailboxEventKind.Claimed, wakeUp.Event);
        Assert.InRange(wakeUp.TimeToLive, TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        Assert.Equal(PushDispatcher.TopicOf(id), wakeUp.Topic);
        Assert.Equal(PushUrgency.High, wakeUp.Urgency);
        var content = JsonNode.Parse(wakeUp.Content)!.AsObject();
        Assert.Equal(id.ToString(), content["mailbox"]!.GetValue<string>());
        Assert.Equal("claimed", content["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task Expiry_WakesBothSidesWithATtlOfZero()
    {
        var initiator = Guid.NewGuid();
        var body = MailboxApi.CreateBody(expiration: Rfc3339(_time.GetUtcNow().AddMinutes(5)));
        body["notificationToken"] = Token("device-i");
        using var created = await _api.SendAsync(HttpMethod.Post, "v1/m", initiator, body);
        var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
        var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{id}", Guid.NewGuid(), new JsonObject { ["notificationToken"] = Token("device-r") })).Dispose();
        Assert.Equal(MailboxEventKind.Claimed, (await _provider.NextAsync()).Event);

        _time.Advance(TimeSpan.FromMinutes(5));
        await _relay.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExpirySweeper>().Single().SweepOnceAsync(default);
        var first = await _provider.NextAsync();
        var second = await _provider.NextAsync();

        Assert.Equal(["device-i", "device-r"], new[] { first, second }.Select(w => w.TokenData.GetString()).Order());
        Assert.All(new[] { first, second }, w =>
        {
            Assert.Equal(MailboxEventKind.Expired, w.Event);
            Assert.Equal(TimeSpan.Zero, w.TimeToLive);
            Assert.Equal(id, w.MailboxId);
            Assert.Equal(PushUrgency.Low, w.Urgency);
        });
    }

    [Fact]
    public async Task Send_ProviderThrows_TheRelayCarriesOn()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.SendAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["notificationToken"] = Token("device-explode") })).Dispose();

        using var first = await _api.WriteAsync(mailbox.Id, initiator);
        Assert.Equal("device-explode", (await _provider.NextAsync()).TokenData.GetString());
        using var second = await _api.WriteAsync(mailbox.Id, initiator);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("device-explode", (await _provider.NextAsync()).TokenData.GetString());
    }

    private static JsonObject Token(string data) => new() { ["type"] = RecordingProvider.Type, ["tokenData"] = data };

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A provider that records what it is asked to send.</summary>
    private sealed class RecordingProvider : IPushProvider
    {
        public const string Type = "org.example.test-push";

        private readonly Channel<PushWakeUp> _sent = Channel.CreateUnbounded<PushWakeUp>();

        public string TokenType => Type;

        public string? Validate(JsonElement tokenData) => tokenData.ValueKind == JsonValueKind.String && tokenData.GetString() == "throw"
            ? throw new InvalidOperationException("boom")
            : tokenData.ValueKind == JsonValueKind.String && tokenData.GetString()!.StartsWith("device-", StringComparison.Ordinal)
                ? null
                : "tokenData must start with 'device-'.";

        public Task<PushResult> SendAsync(PushWakeUp wakeUp, CancellationToken cancellationToken)
        {
            _sent.Writer.TryWrite(wakeUp);
            return wakeUp.TokenData.GetString() == "device-explode"
                ? throw new InvalidOperationException("provider failure")
                : Task.FromResult(PushResult.Delivered);
        }

        public async Task<PushWakeUp> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _sent.Reader.ReadAsync(timeout.Token);
        }
    }
}

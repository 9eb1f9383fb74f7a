using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;
using Tigress.Testing;

namespace Tigress.Client.Tests.Wire;

/// <summary>
/// One round trip per mailbox message of <c>Tigress.Protocol.Wire</c>: the client writes it, the real relay on
/// loopback reads it (and shows it did, by what it does), the relay answers, and the client reads the answer.
/// </summary>
public sealed class WireRoundTripTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly string s_subscription = Subscription();

    [Fact]
    public async Task CreateMailboxRequest_ClientWrites_RelayKeepsDisplayAndPayload()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();

        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key, "create"));
        var read = await client.ReadAsync(created.MailboxUri, Guid.NewGuid());

        Assert.Equal(Samples.Display, read.DisplayInformation);
        Assert.Equal("create"u8.ToArray(), read.Payload!.Open(key, PayloadDirection.InitiatorToRecipient, 0));
    }

    [Fact]
    public async Task CreateMailboxResponse_RelayWrites_ClientReadsLinkAndPushSupport()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var withToken = Samples.CreateRequest(key);
        withToken = new CreateMailboxRequest
        {
            DisplayInformation = withToken.DisplayInformation,
            Payload = withToken.Payload,
            NotificationToken = new NotificationToken("webpush", JsonDocument.Parse(s_subscription).RootElement),
        };

        var plain = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));
        var pushed = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), withToken);

        Assert.StartsWith(new Uri(fixture.BaseUri, "v1/m/").AbsoluteUri, plain.MailboxUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(plain.IsPushNotificationSupported);
        Assert.True(pushed.IsPushNotificationSupported);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NotificationToken_ObjectOrString_RelayReadsTokenData(bool asObject)
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var good = asObject
            ? new NotificationToken("webpush", JsonDocument.Parse(s_subscription).RootElement)
            : new NotificationToken("webpush", s_subscription);
        var bad = asObject
            ? new NotificationToken("webpush", JsonDocument.Parse("""{"endpoint":"https://push.example.org/x"}""").RootElement)
            : new NotificationToken("webpush", """{"endpoint":"https://push.example.org/x"}""");

        var accepted = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), WithToken(Samples.CreateRequest(key), good));
        var refused = await Assert.ThrowsAsync<MailboxException>(() => client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), WithToken(Samples.CreateRequest(key), bad)));

        Assert.True(accepted.IsPushNotificationSupported);
        Assert.Equal(MailboxError.BadRequest, refused.Error);
        Assert.Contains("notificationToken.tokenData", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailboxConfiguration_ClientWritesRightsAndExpiry_RelayEnforcesThem()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var expiry = DateTimeOffset.UtcNow.AddMinutes(30);
        expiry = new DateTimeOffset(expiry.Year, expiry.Month, expiry.Day, expiry.Hour, expiry.Minute, expiry.Second, TimeSpan.Zero);
        var request = Samples.CreateRequest(key);
        request = new CreateMailboxRequest
        {
            DisplayInformation = request.DisplayInformation,
            Payload = request.Payload,
            RecipientRights = MailboxAccessRights.Read,
            Expiration = expiry,
        };
        var recipient = Guid.NewGuid();

        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), request);
        var read = await client.ReadAsync(created.MailboxUri, recipient);
        var write = await Assert.ThrowsAsync<MailboxException>(() =>
            client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "no"u8)));
        var delete = await Assert.ThrowsAsync<MailboxException>(() => client.DeleteAsync(created.MailboxUri, recipient));

        Assert.Equal(expiry, read.Expiration);
        Assert.Equal(MailboxError.Unauthorized, write.Error);
        Assert.Equal(MailboxError.Unauthorized, delete.Error);
    }

    [Fact]
    public async Task ReadMailboxRequest_ClientWritesToken_RelayValidatesIt()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key));

        var refused = await Assert.ThrowsAsync<MailboxException>(() => client.ReadAsync(
            created.MailboxUri,
            Guid.NewGuid(),
            new MailboxReadOptions { NotificationToken = new NotificationToken("webpush", JsonDocument.Parse("{}").RootElement) }));
        var read = await client.ReadAsync(
            created.MailboxUri,
            Guid.NewGuid(),
            new MailboxReadOptions { NotificationToken = new NotificationToken("webpush", JsonDocument.Parse(s_subscription).RootElement) });

        Assert.Equal(MailboxError.BadRequest, refused.Error);
        Assert.Equal(MailboxReadStatus.Message, read.Status);
    }

    [Fact]
    public async Task ReadMailboxResponse_RelayWrites_ClientReadsEveryField()
    {
        using var key = ShareKey.Generate(PayloadAlgorithm.Aes256Gcm);
        var client = Clients.Create();
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), Samples.CreateRequest(key, "read me"));

        var read = await client.ReadAsync(created.MailboxUri, Guid.NewGuid());

        Assert.Equal(MailboxReadStatus.Message, read.Status);
        Assert.Equal(Samples.Display, read.DisplayInformation);
        Assert.Equal(PayloadAlgorithms.Aes256GcmName, read.Payload!.TypeName);
        Assert.Equal("read me"u8.ToArray(), read.Payload.Open(key, PayloadDirection.InitiatorToRecipient, 0));
        Assert.NotNull(read.Expiration);
        Assert.InRange(read.Expiration!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(31));
    }

    [Fact]
    public async Task UpdateMailboxRequest_ClientWritesPayload_OtherSideReadsIt()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);

        await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 0, "update"u8));
        var answer = await client.ReadAsync(created.MailboxUri, initiator);

        Assert.Equal("update"u8.ToArray(), answer.Payload!.Open(key, PayloadDirection.RecipientToInitiator, 0));
    }

    [Fact]
    public async Task UpdateMailboxResponse_RelayWrites_WireContextReadsPushSupport()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var initiator = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        using var http = fixture.Relay.CreateClient();
        var body = new UpdateMailboxRequestMessage
        {
            NotificationToken = new NotificationTokenMessage { Type = "webpush", TokenData = JsonDocument.Parse(s_subscription).RootElement },
        };

        using var request = new HttpRequestMessage(HttpMethod.Put, created.MailboxUri)
        {
            Content = JsonContent.Create(body, WireJsonContext.Default.UpdateMailboxRequestMessage),
        };
        request.Headers.Add(MailboxHeaderNames.RequestId, Guid.NewGuid().ToString("D"));
        request.Headers.Add(MailboxHeaderNames.DeviceClaim, initiator.ToString("D"));
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.UpdateMailboxResponseMessage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer!.IsPushNotificationSupported);
    }

    [Fact]
    public async Task MailboxEvent_RelayWrites_ClientReadsEventAndSide()
    {
        using var key = ShareKey.Generate();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var client = Clients.Create();
        var initiator = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, Guid.NewGuid());

        MailboxEvent? first = null;
        await foreach (var next in client.ReadEventsAsync(created.MailboxUri, initiator, lastEventId: 0, timeout.Token))
        {
            first = next;
            break;
        }

        Assert.NotNull(first);
        Assert.Equal(MailboxEventKind.Claimed, first.Kind);
        Assert.Equal(MailboxSide.Recipient, first.Side);
    }

    [Fact]
    public async Task ProblemDetails_RelayWritesType_ClientBranchesOnIt()
    {
        using var key = ShareKey.Generate();
        var client = Clients.Create();
        var request = Samples.CreateRequest(key);
        var created = await client.CreateAsync(fixture.BaseUri, Guid.NewGuid(), new CreateMailboxRequest
        {
            DisplayInformation = request.DisplayInformation,
            Payload = request.Payload,
            RecipientRights = MailboxAccessRights.Read,
        });
        var recipient = Guid.NewGuid();
        await client.ReadAsync(created.MailboxUri, recipient);

        // Both are 401: only the problem type tells a claim that is not bound from a right that is missing.
        var wrongClaim = await Assert.ThrowsAsync<MailboxException>(() => client.ReadAsync(created.MailboxUri, Guid.NewGuid()));
        var missingRight = await Assert.ThrowsAsync<MailboxException>(() => client.DeleteAsync(created.MailboxUri, recipient));

        Assert.Equal(MailboxError.WrongClaim, wrongClaim.Error);
        Assert.Equal(MailboxError.Unauthorized, missingRight.Error);
    }

    [Fact]
    public async Task PreferWait_SubSecondWait_IsSentRoundedUpAndHonoured()
    {
        using var key = ShareKey.Generate();
        var handler = new InterceptingHandler();
        var client = Clients.Create(handler);
        var initiator = Guid.NewGuid();
        var created = await client.CreateAsync(fixture.BaseUri, initiator, Samples.CreateRequest(key));

        var read = await client.ReadAsync(created.MailboxUri, initiator, new MailboxReadOptions { Wait = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(MailboxReadStatus.NoMessage, read.Status);
        Assert.Equal("wait=1", handler.Requests.Last().Prefer);
    }

    private static CreateMailboxRequest WithToken(CreateMailboxRequest request, NotificationToken token) => new()
    {
        DisplayInformation = request.DisplayInformation,
        Payload = request.Payload,
        NotificationToken = token,
    };

    private static string Subscription()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var p256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
        var auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        return $$$"""{"endpoint":"https://push.example.org/send/abc","keys":{"p256dh":"{{{p256dh}}}","auth":"{{{auth}}}"}}""";
    }
}

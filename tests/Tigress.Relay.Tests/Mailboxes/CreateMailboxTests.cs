using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Mailboxes;

public sealed class CreateMailboxTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Create_ValidRequest_AnswersUrlLinkUnderPublicBaseWithVersion4Id()
    {
        var requestId = Guid.NewGuid();
        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(), requestId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(requestId.ToString(), Assert.Single(response.Headers.GetValues("Mailbox-Request-ID")));
        var json = await MailboxApi.JsonAsync(response);
        var link = json["urlLink"]!.GetValue<string>();
        Assert.StartsWith(fixture.Relay.BaseUri + "v1/m/", link, StringComparison.Ordinal);
        var id = link[(link.LastIndexOf('/') + 1)..];
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.False(json["isPushNotificationSupported"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_ManyMailboxes_IdsAreDistinct()
    {
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await _api.CreateAsync(Guid.NewGuid())).Id);
        }

        Assert.Equal(50, ids.Count);
    }

    [Fact]
    public async Task Create_ExpirationBeyondMaximum_IsCappedAtMaxTtl()
    {
        var claim = Guid.NewGuid();
        var far = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var mailbox = await _api.CreateAsync(claim, expiration: far);

        using var read = await _api.ReadAsync(mailbox.Id, claim: Guid.NewGuid());
        var expiration = DateTimeOffset.Parse((await MailboxApi.JsonAsync(read))["expiration"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.UtcNow.AddHours(48);
        Assert.InRange(expiration, expected.AddMinutes(-1), expected.AddMinutes(1));
    }

    [Fact]
    public async Task Create_ExpirationWithinMaximum_IsKeptToTheSecond()
    {
        var wanted = DateTimeOffset.UtcNow.AddHours(2);
        var text = wanted.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), expiration: text);

        using var read = await _api.ReadAsync(mailbox.Id, claim: Guid.NewGuid());
        var reported = (await MailboxApi.JsonAsync(read))["expiration"]!.GetValue<string>();
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(wanted.ToUnixTimeSeconds()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), reported);
    }

    [Fact]
    public async Task Create_WithoutAccessRights_RecipientCannotWrite()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var write = await _api.WriteAsync(mailbox.Id, recipient);

        await MailboxApi.AssertProblemAsync(write, 401, "missing-right");
    }

    [Fact]
    public async Task Create_WithNotificationToken_IsAcceptedButPushNotSupported()
    {
        var body = MailboxApi.CreateBody();
        body["notificationToken"] = new JsonObject { ["type"] = "com.apple.apns", ["tokenData"] = "abcdef0123" };

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await MailboxApi.JsonAsync(response))["isPushNotificationSupported"]!.GetValue<bool>());
    }
}

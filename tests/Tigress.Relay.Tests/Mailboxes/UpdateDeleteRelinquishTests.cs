using System.Net;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Mailboxes;

public sealed class UpdateDeleteRelinquishTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Update_RecipientWithWriteRight_AnswersIsPushNotificationSupported()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), rights: "RWD");
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var response = await _api.WriteAsync(mailbox.Id, recipient);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await MailboxApi.JsonAsync(response))["isPushNotificationSupported"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Update_RecipientChangesDisplayInformation_Answers401MissingRight()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), rights: "RWD");
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var response = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", recipient, new JsonObject { ["displayInformation"] = MailboxApi.Display("Free car") });

        await MailboxApi.AssertProblemAsync(response, 401, "missing-right");
    }

    [Fact]
    public async Task Update_StrangerClaim_Answers401()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), rights: "RWD");
        (await _api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();

        using var response = await _api.WriteAsync(mailbox.Id, Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(response, 401, "wrong-claim");
    }

    [Fact]
    public async Task Update_UnclaimedMailboxByNewClaim_Answers401AndDoesNotBind()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), rights: "RWD");
        var stranger = Guid.NewGuid();

        using var response = await _api.WriteAsync(mailbox.Id, stranger);
        await MailboxApi.AssertProblemAsync(response, 401, "wrong-claim");

        using var claim = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    [Fact]
    public async Task Update_InitiatorChangesDisplayInformation_PreviewShowsIt()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        using var response = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, new JsonObject { ["displayInformation"] = MailboxApi.Display("Room 402") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var page = await _api.Http.GetStringAsync($"v1/m/{mailbox.Id}");
        Assert.Contains("og:title\" content=\"Room 402\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_InitiatorWritesBackToBack_RecipientGetsTheLatest()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var latest = MailboxApi.SealedData();
        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        (await _api.WriteAsync(mailbox.Id, initiator, latest)).Dispose();

        using var read = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        Assert.Equal(latest, MailboxApi.DataOf(await MailboxApi.JsonAsync(read)));
    }

    [Fact]
    public async Task Update_RecipientWritesBackToBack_InitiatorGetsTheLatest_AndTheETagCountsBoth()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        var latest = MailboxApi.SealedData();

        // An answer, then (say) a cancel before the initiator read the answer: the drafts let one side write twice.
        using (var first = await _api.WriteAsync(mailbox.Id, recipient))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await _api.WriteAsync(mailbox.Id, recipient, latest))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        using var read = await _api.ReadAsync(mailbox.Id, initiator);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(latest, MailboxApi.DataOf(await MailboxApi.JsonAsync(read)));
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Update_InitiatorGrantsWriteLater_RecipientMayWrite()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "R");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        using (var refused = await _api.WriteAsync(mailbox.Id, recipient))
        {
            await MailboxApi.AssertProblemAsync(refused, 401, "missing-right");
        }

        (await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, new JsonObject { ["mailboxConfiguration"] = new JsonObject { ["accessRights"] = "RW" } })).Dispose();

        using var accepted = await _api.WriteAsync(mailbox.Id, recipient);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Delete_ByInitiator_MakesEveryOperationAnswer404()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var delete = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);

        await MailboxApi.AssertProblemAsync(await _api.ReadAsync(mailbox.Id, recipient), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.ReadAsync(mailbox.Id, initiator), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.WriteAsync(mailbox.Id, recipient), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.SendAsync(HttpMethod.Get, $"v1/m/{mailbox.Id}", null), 404, "not-found");
        await MailboxApi.AssertProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator), 404, "not-found");
    }

    [Fact]
    public async Task Delete_RecipientWithoutDeleteRight_Answers401()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), rights: "RW");
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var response = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", recipient);

        await MailboxApi.AssertProblemAsync(response, 401, "missing-right");
    }

    [Fact]
    public async Task Delete_RecipientWithDefaultRights_Succeeds()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var response = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", recipient);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Delete_Stranger_Answers401AndKeepsMailbox()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        using var response = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(response, 401, "wrong-claim");
        using var preview = await _api.SendAsync(HttpMethod.Get, $"v1/m/{mailbox.Id}", null);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Fact]
    public async Task Relinquish_ByRecipient_LetsTheNextClaimBindAndLocksOutTheOldOne()
    {
        var initiator = Guid.NewGuid();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        (await _api.ReadAsync(mailbox.Id, first)).Dispose();
        (await _api.WriteAsync(mailbox.Id, first)).Dispose();

        using var relinquish = await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", first);
        Assert.Equal(HttpStatusCode.OK, relinquish.StatusCode);

        using var rebind = await _api.ReadAsync(mailbox.Id, second);
        Assert.Equal(HttpStatusCode.OK, rebind.StatusCode);
        await MailboxApi.AssertProblemAsync(await _api.ReadAsync(mailbox.Id, first), 401, "wrong-claim");

        // The departed recipient's message went with it.
        using var initiatorRead = await _api.ReadAsync(mailbox.Id, initiator);
        Assert.Equal(HttpStatusCode.NoContent, initiatorRead.StatusCode);
    }

    [Fact]
    public async Task Relinquish_NobodyBoundYet_Answers401_AndTheNextDeviceStillClaims()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        using var relinquish = await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", Guid.NewGuid());
        using var claim = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(relinquish, 401, "wrong-claim");
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    [Fact]
    public async Task Relinquish_ByInitiatorOrStranger_Answers401()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        (await _api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();

        await MailboxApi.AssertProblemAsync(await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", initiator), 401, "wrong-claim");
        await MailboxApi.AssertProblemAsync(await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", Guid.NewGuid()), 401, "wrong-claim");
    }
}

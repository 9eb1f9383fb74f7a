using System.Net;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Mailboxes;

/// <summary>
/// A repeated Mailbox-Request-ID from the same claim is answered 201 with the first answer's body; a read keeps no
/// copy of its answer, so a repeat of the read that bound the claim is answered 201 from the mailbox as it is now.
/// </summary>
public sealed class IdempotencyTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Create_RepeatedRequestIdSameClaim_Answers201WithFirstBodyAndCreatesNothing()
    {
        var claim = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        var body = MailboxApi.CreateBody();
        using var first = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId);
        var firstBody = await first.Content.ReadAsStringAsync();

        using var second = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(requestId.ToString(), second.Headers.GetValues("Mailbox-Request-ID").Single());
    }

    [Fact]
    public async Task Create_RepeatedAfterTheMailboxWasDeleted_Answers404()
    {
        var claim = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        var body = MailboxApi.CreateBody();
        using var first = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId);
        var link = (await MailboxApi.JsonAsync(first))["urlLink"]!.GetValue<string>();
        using var delete = await _api.SendAsync(HttpMethod.Delete, new Uri(link).AbsolutePath.TrimStart('/'), claim);

        using var retry = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, body, requestId);
        using var otherBody = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, MailboxApi.CreateBody(rights: "R"), requestId);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await MailboxApi.AssertProblemAsync(retry, 404, "not-found");
        await MailboxApi.AssertProblemAsync(otherBody, 409, "request-id-reused");
    }

    [Fact]
    public async Task Create_SameRequestIdOtherClaim_IsANewRequest()
    {
        var requestId = Guid.NewGuid();
        using var first = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(), requestId);
        using var second = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(), requestId);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Update_RepeatedRequestId_IsNotWrittenTwice()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        using var claimed = await _api.ReadAsync(mailbox.Id, recipient);
        var requestId = Guid.NewGuid();
        var data = MailboxApi.SealedData();

        using var first = await _api.WriteAsync(mailbox.Id, initiator, data, requestId);
        using var read = await _api.ReadAsync(mailbox.Id, recipient);
        using var replay = await _api.WriteAsync(mailbox.Id, initiator, data, requestId);
        using var unchanged = await _api.ReadAsync(mailbox.Id, recipient, r => r.Headers.TryAddWithoutValidation("If-None-Match", read.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task Read_RepeatedClaimingRequestId_AnswersTheMailboxAsItIsNow()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var requestId = Guid.NewGuid();
        using var first = await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId);
        var newer = MailboxApi.SealedData();
        (await _api.WriteAsync(mailbox.Id, initiator, newer)).Dispose();

        using var replay = await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId);

        // A read changes nothing but the claim's binding, so its replay is read again rather than kept (docs/protocol.md section 7.7).
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(newer, MailboxApi.DataOf(await MailboxApi.JsonAsync(replay)));
        Assert.Equal("\"2\"", replay.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Read_RepeatedRequestIdOfAReadThatClaimedNothing_IsSimplyReadAgain()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        var requestId = Guid.NewGuid();
        using var first = await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId);

        using var again = await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId);

        // Such a read records nothing at all; executing it again is the same as answering it again.
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(MailboxApi.DataOf(await MailboxApi.JsonAsync(first)), MailboxApi.DataOf(await MailboxApi.JsonAsync(again)));
    }

    [Fact]
    public async Task Read_LostClaimResponseRetried_RecoversTheClaim()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var recipient = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId)).Dispose();

        using var retry = await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId);
        using var stranger = await _api.ReadAsync(mailbox.Id, Guid.NewGuid(), requestId: requestId);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        await MailboxApi.AssertProblemAsync(stranger, 401, "wrong-claim");
    }

    [Fact]
    public async Task Delete_RepeatedRequestId_Answers201AfterTheMailboxIsGone()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var requestId = Guid.NewGuid();

        using var first = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator, requestId: requestId);
        using var replay = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator, requestId: requestId);
        using var fresh = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        await MailboxApi.AssertProblemAsync(fresh, 404, "not-found");
    }

    [Fact]
    public async Task Relinquish_RepeatedRequestId_Answers201()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        var requestId = Guid.NewGuid();

        using var first = await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient, requestId: requestId);
        using var replay = await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient, requestId: requestId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
    }

    [Fact]
    public async Task Replay_AfterDelete_OfAnUpdate_Answers404()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var requestId = Guid.NewGuid();
        (await _api.WriteAsync(mailbox.Id, initiator, requestId: requestId)).Dispose();
        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator)).Dispose();

        using var replay = await _api.WriteAsync(mailbox.Id, initiator, requestId: requestId);

        await MailboxApi.AssertProblemAsync(replay, 404, "not-found");
    }

    [Fact]
    public async Task RequestId_ReusedForADifferentOperation_Answers409()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var requestId = Guid.NewGuid();
        (await _api.WriteAsync(mailbox.Id, initiator, requestId: requestId)).Dispose();

        using var other = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator, requestId: requestId);

        await MailboxApi.AssertProblemAsync(other, 409, "request-id-reused");
        using var stillThere = await _api.SendAsync(HttpMethod.Get, $"v1/m/{mailbox.Id}", null);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task RequestId_ReusedWithADifferentBody_Answers409AndChangesNothing()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        using var claimed = await _api.ReadAsync(mailbox.Id, recipient);
        var requestId = Guid.NewGuid();
        var first = MailboxApi.SealedData();
        (await _api.WriteAsync(mailbox.Id, initiator, first, requestId)).Dispose();

        using var same = await _api.WriteAsync(mailbox.Id, initiator, first, requestId);
        using var different = await _api.WriteAsync(mailbox.Id, initiator, MailboxApi.SealedData(), requestId);
        using var display = await _api.SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator,
            new JsonObject { ["displayInformation"] = MailboxApi.Display(title: "Changed") }, requestId);
        using var read = await _api.ReadAsync(mailbox.Id, recipient);

        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        await MailboxApi.AssertProblemAsync(different, 409, "request-id-reused");
        await MailboxApi.AssertProblemAsync(display, 409, "request-id-reused");
        var json = await MailboxApi.JsonAsync(read);
        Assert.Equal(first, MailboxApi.DataOf(json));
        Assert.Equal("Car key", json["displayInformation"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_RepeatedRequestIdWithADifferentBody_Answers409()
    {
        var claim = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        (await _api.SendAsync(HttpMethod.Post, "v1/m", claim, MailboxApi.CreateBody(), requestId)).Dispose();

        using var different = await _api.SendAsync(HttpMethod.Post, "v1/m", claim, MailboxApi.CreateBody(), requestId);

        await MailboxApi.AssertProblemAsync(different, 409, "request-id-reused");
    }

    [Fact]
    public async Task Read_ClaimingRequestIdReusedWithADifferentBody_Answers409()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var recipient = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient, requestId: requestId)).Dispose();

        using var different = await _api.SendRawAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", recipient, "{}", requestId);

        await MailboxApi.AssertProblemAsync(different, 409, "request-id-reused");
    }
}

using System.Diagnostics;
using System.Net;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Mailboxes;

public sealed class ReadMailboxTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Read_FirstNewClaim_GetsInitiatorPayloadDisplayAndExpiration()
    {
        var data = MailboxApi.SealedData();
        var mailbox = await _api.CreateAsync(Guid.NewGuid(), data: data);

        using var response = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await MailboxApi.JsonAsync(response);
        Assert.Equal(data, MailboxApi.DataOf(json));
        Assert.Equal("AEAD_AES_128_GCM", json["payload"]!["type"]!.GetValue<string>());
        Assert.Equal("Car key", json["displayInformation"]!["title"]!.GetValue<string>());
        Assert.Equal("https://images.example.org/car.png", json["displayInformation"]!["imageURL"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", json["expiration"]!.GetValue<string>());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Read_SecondDifferentClaim_Answers401()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        (await _api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();

        using var response = await _api.ReadAsync(mailbox.Id, Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(response, 401, "wrong-claim");
    }

    [Fact]
    public async Task Read_BoundRecipientAgain_StillGetsPayload()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var recipient = Guid.NewGuid();
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        using var again = await _api.ReadAsync(mailbox.Id, recipient);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Read_InitiatorBeforeRecipientWrites_Answers204()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        using var response = await _api.ReadAsync(mailbox.Id, initiator);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Read_EachSideGetsTheOtherSidesLatestMessage()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var first = MailboxApi.SealedData();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD", data: first);
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();

        var answer = MailboxApi.SealedData();
        (await _api.WriteAsync(mailbox.Id, recipient, answer)).Dispose();
        var second = MailboxApi.SealedData();
        (await _api.WriteAsync(mailbox.Id, initiator, second)).Dispose();

        using var initiatorRead = await _api.ReadAsync(mailbox.Id, initiator);
        using var recipientRead = await _api.ReadAsync(mailbox.Id, recipient);
        Assert.Equal(answer, MailboxApi.DataOf(await MailboxApi.JsonAsync(initiatorRead)));
        Assert.Equal(second, MailboxApi.DataOf(await MailboxApi.JsonAsync(recipientRead)));
    }

    [Fact]
    public async Task Read_IfNoneMatchCurrentETag_Answers304AndNewWriteChangesETag()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        using var first = await _api.ReadAsync(mailbox.Id, recipient);
        var etag = first.Headers.ETag!.ToString();

        using var unchanged = await _api.ReadAsync(mailbox.Id, recipient, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.ToString());

        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        using var changed = await _api.ReadAsync(mailbox.Id, recipient, r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Read_LongPoll_ReturnsAsSoonAsTheOtherSideWrites()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        var answer = MailboxApi.SealedData();

        var clock = Stopwatch.StartNew();
        var poll = _api.ReadAsync(mailbox.Id, initiator, r => r.Headers.TryAddWithoutValidation("Prefer", "wait=20"));
        await Task.Delay(300);
        Assert.False(poll.IsCompleted, "The long poll answered before anything was written.");
        (await _api.WriteAsync(mailbox.Id, recipient, answer)).Dispose();
        using var response = await poll;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, MailboxApi.DataOf(await MailboxApi.JsonAsync(response)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The long poll took {clock.Elapsed}.");
    }

    [Fact]
    public async Task Read_LongPollWithNothingWritten_Answers204AfterTheWait()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        var clock = Stopwatch.StartNew();
        using var response = await _api.ReadAsync(mailbox.Id, initiator, r => r.Headers.TryAddWithoutValidation("Prefer", "wait=1"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Read_LongPollWithIfNoneMatch_Answers304AfterTheWait()
    {
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        using var first = await _api.ReadAsync(mailbox.Id, recipient);

        var clock = Stopwatch.StartNew();
        using var response = await _api.ReadAsync(mailbox.Id, recipient, r =>
        {
            r.Headers.TryAddWithoutValidation("Prefer", "wait=1");
            r.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        });

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Read_LongPollWhenMailboxIsDeleted_Answers404()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        using var first = await _api.ReadAsync(mailbox.Id, recipient);

        var poll = _api.ReadAsync(mailbox.Id, recipient, r =>
        {
            r.Headers.TryAddWithoutValidation("Prefer", "wait=20");
            r.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        });
        await Task.Delay(200);
        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator)).Dispose();
        using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
    }

    [Fact]
    public async Task Read_ManyConcurrentFirstClaims_BindExactlyOne()
    {
        for (var round = 0; round < 5; round++)
        {
            var mailbox = await _api.CreateAsync(Guid.NewGuid());
            var claims = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToArray();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = claims.Select(async claim =>
            {
                await gate.Task;
                return await _api.ReadAsync(mailbox.Id, claim);
            }).ToArray();
            gate.SetResult();
            var responses = await Task.WhenAll(attempts);

            var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            Assert.Single(winners);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));

            // The winner, and only the winner, keeps reading.
            var winner = claims[Array.IndexOf(responses, winners[0])];
            using var again = await _api.ReadAsync(mailbox.Id, winner);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}

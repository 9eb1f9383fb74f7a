using System.Globalization;
using System.Net;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.RateLimiting;

/// <summary>One client cannot hold more than its share of long polls and event streams; others are refused with 429.</summary>
public sealed class WaitingRequestCapTests
{
    [Fact]
    public async Task LongPoll_BeyondThePerClientCap_Answers429WithRetryAfter_AndAPlaceFreesWhenOneEnds()
    {
        // Arrange
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Connections:MaxLongPollsPerClient"] = "2",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await api.CreateAsync(initiator, rights: "RW");
        (await api.ReadAsync(mailbox.Id, recipient)).Dispose();
        static void Wait(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("Prefer", "wait=60");
        var waiting = new List<Task<HttpResponseMessage>>();

        // Act: two long polls, and a third (waiting briefly) until it finds no place left. Whichever came last of
        // the three was refused, so a refused one of the two is sent again.
        HttpResponseMessage refused;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            foreach (var done in waiting.Where(poll => poll.IsCompleted).ToList())
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, (await done).StatusCode);
                (await done).Dispose();
                waiting.Remove(done);
            }

            while (waiting.Count < 2)
            {
                waiting.Add(api.ReadAsync(mailbox.Id, initiator, Wait));
            }

            refused = await api.ReadAsync(mailbox.Id, initiator, r => r.Headers.TryAddWithoutValidation("Prefer", "wait=1"));
            if (refused.StatusCode == HttpStatusCode.TooManyRequests && !waiting.Any(poll => poll.IsCompleted))
            {
                break;
            }

            refused.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "A third long poll from the same client was never refused.");
        }

        // Assert
        await MailboxApi.AssertProblemAsync(refused, 429, "rate-limited");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.DoesNotContain(waiting, poll => poll.IsCompleted);
        using (var plain = await api.ReadAsync(mailbox.Id, initiator))
        {
            Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        }

        using (var write = await api.WriteAsync(mailbox.Id, recipient))
        {
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }

        foreach (var poll in waiting)
        {
            using var answered = await poll;
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using var again = await api.ReadAsync(mailbox.Id, initiator, Wait);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        refused.Dispose();
    }

    [Fact]
    public async Task EventStreams_BeyondThePerClientCapOverAllMailboxes_Answer429()
    {
        // Arrange
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Connections:MaxEventStreamsPerClient"] = "2",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var claim = Guid.NewGuid();
        var mailboxes = new[] { await api.CreateAsync(claim), await api.CreateAsync(claim), await api.CreateAsync(claim) };
        using var first = await EventStreamReader.OpenAsync(http, mailboxes[0].Id, claim);
        using var second = await EventStreamReader.OpenAsync(http, mailboxes[1].Id, claim);

        // Act
        using var third = await EventStreamReader.OpenAsync(http, mailboxes[2].Id, claim);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
        await MailboxApi.AssertProblemAsync(third.Response, 429, "rate-limited");
        Assert.True(third.Response.Headers.Contains("Retry-After"));
    }
}

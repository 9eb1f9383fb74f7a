using System.Net;
using Tigress.Relay.Hosting;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

/// <summary>
/// Many clients, each under its own caps, cannot fill the connection budget with long polls and event streams: the
/// waiting requests have a global cap below it, and short requests are always served. Over real loopback HTTP with a
/// small budget and the per-client caps off (every test client is 127.0.0.1, as many addresses would be).
/// </summary>
public sealed class WaitingRequestBudgetTests
{
    [Fact]
    public async Task WaitingRequests_AtTheDefaultCap_Answer503WithRetryAfter_WhileShortRequestsAreServed()
    {
        // Arrange: a budget of 24 connections, so half of it (12) may wait.
        await using var relay = await LoopbackRelay.StartAsync(Settings(maxConnections: 24, maxWaiting: null));
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var claim = Guid.NewGuid();
        var mailboxes = new List<Mailbox>();
        for (var i = 0; i < 13; i++)
        {
            mailboxes.Add(await api.CreateAsync(claim, rights: "RWD"));
        }

        var streams = new List<EventStreamReader>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                streams.Add(await EventStreamReader.OpenAsync(http, mailboxes[i].Id, claim));
                Assert.Equal(HttpStatusCode.OK, streams[^1].Response.StatusCode);
            }

            // Act
            using var oneStreamTooMany = await EventStreamReader.OpenAsync(http, mailboxes[12].Id, claim);
            using var longPoll = await api.ReadAsync(mailboxes[12].Id, claim, r => r.Headers.TryAddWithoutValidation("Prefer", "wait=5"));
            var created = await api.CreateAsync(Guid.NewGuid());
            using var read = await api.ReadAsync(mailboxes[12].Id, Guid.NewGuid());
            using var deleted = await api.SendAsync(HttpMethod.Delete, $"v1/m/{mailboxes[12].Id}", claim, null);
            using var health = await http.GetAsync("healthz");

            // Assert
            await MailboxApi.AssertProblemAsync(oneStreamTooMany.Response, 503, "unavailable");
            Assert.Equal("5", oneStreamTooMany.Response.Headers.GetValues("Retry-After").Single());
            await MailboxApi.AssertProblemAsync(longPoll, 503, "unavailable");
            Assert.NotEqual(Guid.Empty, created.Id);
            Assert.True(read.IsSuccessStatusCode, $"read answered {(int)read.StatusCode}");
            Assert.True(deleted.IsSuccessStatusCode, $"delete answered {(int)deleted.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            // A place frees when a stream ends.
            streams[0].Dispose();
            streams.RemoveAt(0);
            var again = await OpenWhenThereIsRoomAsync(http, mailboxes[0].Id, claim);
            streams.Add(again);
            Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task WaitingRequests_AtAConfiguredCap_Answer503()
    {
        await using var relay = await LoopbackRelay.StartAsync(Settings(maxConnections: 24, maxWaiting: 2));
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var claim = Guid.NewGuid();
        var mailbox = await api.CreateAsync(claim);

        using var first = await EventStreamReader.OpenAsync(http, mailbox.Id, claim);
        using var second = await EventStreamReader.OpenAsync(http, mailbox.Id, claim);
        using var third = await EventStreamReader.OpenAsync(http, mailbox.Id, claim);

        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
        await MailboxApi.AssertProblemAsync(third.Response, 503, "unavailable");
    }

    [Theory]
    [InlineData(null, 1000, 500)]
    [InlineData(null, 1, 1)]
    [InlineData(10L, 1000, 10)]
    [InlineData(5000L, 1000, 999)]
    [InlineData(0L, 1000, 1)]
    public void Compute_WaitingCap_IsHalfTheBudgetByDefault_AndNeverTheWholeBudget(long? configured, long maxConnections, long expected)
    {
        var options = new ConnectionLimitOptions { MaxConnections = maxConnections, MaxWaitingRequests = configured };

        var budget = ConnectionBudget.Compute(options, openFileLimit: null, openAtStart: 0);

        Assert.Equal(expected, budget.MaxWaitingRequests);
    }

    private static Dictionary<string, string?> Settings(int maxConnections, int? maxWaiting)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Relay:Connections:MaxConnections"] = maxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Relay:Connections:MaxConnectionsPerClient"] = "0",
            ["Relay:Connections:MaxEventStreamsPerClient"] = "0",
            ["Relay:Connections:MaxLongPollsPerClient"] = "0",
        };
        if (maxWaiting is { } waiting)
        {
            settings["Relay:Connections:MaxWaitingRequests"] = waiting.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static async Task<EventStreamReader> OpenWhenThereIsRoomAsync(HttpClient http, Guid mailbox, Guid claim)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var stream = await EventStreamReader.OpenAsync(http, mailbox, claim);
            if (stream.Response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return stream;
            }

            stream.Dispose();
            await Task.Delay(100);
        }
    }
}

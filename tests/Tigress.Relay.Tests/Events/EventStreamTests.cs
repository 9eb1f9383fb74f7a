using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Events;

/// <summary>The Server-Sent Events stream of docs/protocol.md section 8, over real HTTP: order, resume, the ends, and refusals.</summary>
public sealed class EventStreamTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task Stream_WholeShare_DeliversEveryEventInOrderWithItsSideThenEnds()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RWD");
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(stream.Response.Headers.CacheControl?.NoStore);

        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        await stream.ExpectAsync(1, "claimed", "recipient");
        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();
        await stream.ExpectAsync(2, "updated", "recipient");
        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        await stream.ExpectAsync(3, "updated", "initiator");
        (await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient)).Dispose();
        await stream.ExpectAsync(4, "relinquished", "recipient");
        (await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator)).Dispose();
        await stream.ExpectAsync(5, "deleted", "initiator");
        await stream.ExpectEndAsync();
        Assert.Equal(3000, stream.Retry);
    }

    [Fact]
    public async Task Stream_EventsNeverCarryPayloadsOrClaims()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var data = MailboxApi.SealedData();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);

        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        (await _api.WriteAsync(mailbox.Id, recipient, data)).Dispose();
        var claimed = await stream.ExpectAsync(1, "claimed", "recipient");
        var updated = await stream.ExpectAsync(2, "updated", "recipient");

        foreach (var text in new[] { claimed.Data, updated.Data })
        {
            Assert.DoesNotContain(data, text, StringComparison.Ordinal);
            Assert.DoesNotContain(recipient.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(mailbox.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Stream_ReconnectWithLastEventId_GetsExactlyWhatItMissedInOrder()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        using (var first = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator))
        {
            (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
            await first.ExpectAsync(1, "claimed", "recipient");
        }

        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();
        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();
        (await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient)).Dispose();
        using var resumed = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator, lastEventId: "1");

        await resumed.ExpectAsync(2, "updated", "recipient");
        await resumed.ExpectAsync(3, "updated", "recipient");
        await resumed.ExpectAsync(4, "relinquished", "recipient");
        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();
        await resumed.ExpectAsync(5, "updated", "initiator");
    }

    [Fact]
    public async Task Stream_LastEventIdZero_ReplaysTheWholeLog_WithoutIt_StartsAtThePresent()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();

        using var everything = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient, lastEventId: "0");
        using var present = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient);
        using var beyond = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient, lastEventId: "99");
        await everything.ExpectAsync(1, "claimed", "recipient");
        await everything.ExpectAsync(2, "updated", "recipient");
        (await _api.WriteAsync(mailbox.Id, initiator)).Dispose();

        await everything.ExpectAsync(3, "updated", "initiator");
        await present.ExpectAsync(3, "updated", "initiator");
        await beyond.ExpectAsync(3, "updated", "initiator");
    }

    [Fact]
    public async Task Stream_DeleteWhileOpen_BothSidesHearWhoDeletedAndTheStreamsEnd()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RD");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        using var initiatorStream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);
        using var recipientStream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient);

        using var deleted = await _api.SendAsync(HttpMethod.Delete, $"v1/m/{mailbox.Id}", recipient);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        await initiatorStream.ExpectAsync(2, "deleted", "recipient");
        await recipientStream.ExpectAsync(2, "deleted", "recipient");
        await initiatorStream.ExpectEndAsync();
        await recipientStream.ExpectEndAsync();
        using var again = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator, lastEventId: "2");
        await MailboxApi.AssertProblemAsync(again.Response, 404, "not-found");
    }

    [Fact]
    public async Task Stream_RecipientRelinquishes_ItsStreamEndsWithThatEvent_TheInitiatorsGoesOn()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        using var initiatorStream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);
        using var recipientStream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient);

        (await _api.SendAsync(HttpMethod.Patch, $"v1/m/{mailbox.Id}", recipient)).Dispose();
        (await _api.ReadAsync(mailbox.Id, Guid.NewGuid())).Dispose();

        await recipientStream.ExpectAsync(2, "relinquished", "recipient");
        await recipientStream.ExpectEndAsync();
        await initiatorStream.ExpectAsync(2, "relinquished", "recipient");
        await initiatorStream.ExpectAsync(3, "claimed", "recipient");
        using var former = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient);
        await MailboxApi.AssertProblemAsync(former.Response, 401, "wrong-claim");
    }

    [Fact]
    public async Task Stream_ClaimThatIsNotBound_Is401AndDoesNotBind()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());
        var stranger = Guid.NewGuid();

        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, stranger);
        await MailboxApi.AssertProblemAsync(stream.Response, 401, "wrong-claim");
        using var noClaim = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, claim: null);
        await MailboxApi.AssertProblemAsync(noClaim.Response, 401, "wrong-claim");

        var recipient = Guid.NewGuid();
        using var claim = await _api.ReadAsync(mailbox.Id, recipient);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
    }

    [Fact]
    public async Task Stream_UnknownMailbox_Is404ProblemJson()
    {
        using var stream = await EventStreamReader.OpenAsync(_api.Http, Guid.NewGuid(), Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(stream.Response, 404, "not-found");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public async Task Stream_MalformedLastEventId_Is400(string lastEventId)
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator, lastEventId);

        await MailboxApi.AssertProblemAsync(stream.Response, 400, "invalid-header");
    }

    [Fact]
    public async Task Stream_RequestIdIsOptional_ButAMalformedOneIsRefused()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        using var with = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator, withRequestId: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/m/{mailbox.Id}/events");
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", initiator.ToString());
        request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", "not-a-uuid");
        using var malformed = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, with.Response.StatusCode);
        await MailboxApi.AssertProblemAsync(malformed, 400, "invalid-header");
    }

    [Fact]
    public async Task Stream_FifthOnOneMailbox_Is429_AndAPlaceFreesWhenOneCloses()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var open = new List<EventStreamReader>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                open.Add(await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator));
                Assert.Equal(HttpStatusCode.OK, open[^1].Response.StatusCode);
            }

            using (var fifth = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator))
            {
                await MailboxApi.AssertProblemAsync(fifth.Response, 429, "too-many-streams");
            }

            using (var otherMailbox = await EventStreamReader.OpenAsync(_api.Http, (await _api.CreateAsync(initiator)).Id, initiator))
            {
                Assert.Equal(HttpStatusCode.OK, otherMailbox.Response.StatusCode);
            }

            open[0].Dispose();
            open.RemoveAt(0);
            var limiter = fixture.Relay.Services.GetRequiredService<Tigress.Relay.Events.EventStreamLimiter>();
            await Eventually.TrueAsync(() => limiter.OpenOn(mailbox.Id) == 3, "the closed stream gave back its place");
            using var replacement = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);
            Assert.Equal(HttpStatusCode.OK, replacement.Response.StatusCode);
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Stream_RelayStops_TheStreamEndsAndShutdownDoesNotWaitForIt()
    {
        var relay = await LoopbackRelay.StartAsync();
        try
        {
            using var http = relay.CreateClient();
            var api = new MailboxApi(http);
            var initiator = Guid.NewGuid();
            var mailbox = await api.CreateAsync(initiator);
            using var stream = await EventStreamReader.OpenAsync(http, mailbox.Id, initiator);
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

            var started = Stopwatch.GetTimestamp();
            await relay.StopAsync();

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), "Stopping waited on the open stream.");
            try
            {
                Assert.Null(await stream.NextAsync(TimeSpan.FromSeconds(5)));
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // A reset connection ends the stream too; only a stream left hanging fails.
            }
        }
        finally
        {
            await relay.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stream_OtherSidesWrite_ArrivesAtOnce()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, rights: "RW");
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);

        var started = Stopwatch.GetTimestamp();
        (await _api.WriteAsync(mailbox.Id, recipient)).Dispose();
        // Milliseconds as a rule; the bound is for a loaded machine (nothing but the write sends the event).
        await stream.ExpectAsync(2, "updated", "recipient", TimeSpan.FromSeconds(10));

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }
}

/// <summary>Streams on a relay with a fake clock (expiry) and a short keep-alive.</summary>
public sealed class EventStreamClockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private LoopbackRelay _relay = null!;
    private MailboxApi _api = null!;

    public async Task InitializeAsync()
    {
        // Streams end after MaxDuration on the same clock; these tests move it by minutes and want the streams open.
        _relay = await LoopbackRelay.StartAsync(
            new Dictionary<string, string?> { ["Relay:SweepInterval"] = "7.00:00:00", ["Relay:Events:MaxDuration"] = "1.00:00:00" },
            services => services.AddKeyedSingleton<TimeProvider>(Tigress.Relay.Hosting.RelayOptions.ClockServiceKey, _time));
        _api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _api.Http.Dispose();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task Stream_MailboxExpiresWhileOpen_BothSidesGetExpiredAtTheExactTimeWithoutASweep()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, expiration: Rfc3339(_time.GetUtcNow().AddMinutes(10)));
        (await _api.ReadAsync(mailbox.Id, recipient)).Dispose();
        using var initiatorStream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);
        using var recipientStream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, recipient);

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<TimeoutException>(() => initiatorStream.NextAsync(TimeSpan.FromMilliseconds(300)));
        _time.Advance(TimeSpan.FromSeconds(2));

        await initiatorStream.ExpectAsync(2, "expired", side: null);
        await recipientStream.ExpectAsync(2, "expired", side: null);
        await initiatorStream.ExpectEndAsync();
        await recipientStream.ExpectEndAsync();
    }

    [Fact]
    public async Task Stream_MailboxSweptWhileOpen_GetsExpired()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator, expiration: Rfc3339(_time.GetUtcNow().AddMinutes(1)));
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);

        // The sweep wakes the stream even if its own timer has not fired yet.
        var store = _relay.Services.GetRequiredService<Tigress.Relay.Storage.IMailboxStore>();
        await store.SweepExpiredAsync(_time.GetUtcNow().AddMinutes(2), default);
        _time.Advance(TimeSpan.FromMinutes(2));

        await stream.ExpectAsync(1, "expired", side: null);
        await stream.ExpectEndAsync();
    }

    [Fact]
    public async Task Stream_Silent_SendsKeepAliveCommentsAtTheInterval()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        using var stream = await EventStreamReader.OpenAsync(_api.Http, mailbox.Id, initiator);

        for (var i = 0; i < 3 && !stream.HasComment("keep-alive"); i++)
        {
            _time.Advance(TimeSpan.FromSeconds(15));
            await Assert.ThrowsAsync<TimeoutException>(() => stream.NextAsync(TimeSpan.FromMilliseconds(200)));
        }

        Assert.True(stream.HasComment("keep-alive"));
    }

    private static string Rfc3339(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

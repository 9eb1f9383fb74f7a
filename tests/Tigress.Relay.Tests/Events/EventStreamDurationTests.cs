using System.Net;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Events;

/// <summary>An event stream ends after Relay:Events:MaxDuration; resuming with Last-Event-ID loses nothing.</summary>
public sealed class EventStreamDurationTests
{
    [Fact]
    public async Task Stream_PastItsMaxDuration_Ends_AndAResumeGetsWhatHappenedMeanwhile()
    {
        // Arrange
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:Events:MaxDuration"] = "00:00:02",
        });
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var mailbox = await api.CreateAsync(initiator, rights: "RW");
        using var stream = await EventStreamReader.OpenAsync(http, mailbox.Id, initiator);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        (await api.ReadAsync(mailbox.Id, recipient)).Dispose();
        await stream.ExpectAsync(1, "claimed", "recipient");

        // Act: the relay ends the stream by itself; then something happens before the client is back.
        await stream.ExpectEndAsync(TimeSpan.FromSeconds(60));
        (await api.WriteAsync(mailbox.Id, recipient)).Dispose();
        using var resumed = await EventStreamReader.OpenAsync(http, mailbox.Id, initiator, lastEventId: "1");

        // Assert
        Assert.Equal(HttpStatusCode.OK, resumed.Response.StatusCode);
        await resumed.ExpectAsync(2, "updated", "recipient");
        await resumed.ExpectEndAsync(TimeSpan.FromSeconds(60));
    }
}

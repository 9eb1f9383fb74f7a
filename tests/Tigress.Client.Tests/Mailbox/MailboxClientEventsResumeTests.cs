using System.Diagnostics;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Mailbox;

/// <summary>The relay ends every event stream after Relay:Events:MaxDuration; the client picks up where it was.</summary>
public sealed class MailboxClientEventsResumeTests
{
    [Fact]
    public async Task ReadEvents_RelayEndsEachStreamAfterItsMaxDuration_ResumesWithoutLossRepeatsOrATightLoop()
    {
        // Arrange: streams live 2 s; the client keeps its default retry policy, which honours the relay's retry: 3000.
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:Events:MaxDuration"] = "00:00:02" });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        var client = new MailboxClient(http, new MailboxClientOptions());
        using var key = ShareKey.Generate();
        Guid initiator = Guid.NewGuid(), recipient = Guid.NewGuid();
        var created = await client.CreateAsync(relay.BaseUri, initiator, Samples.CreateRequest(key));
        await client.ReadAsync(created.MailboxUri, recipient);
        var connections = 0;
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = new List<MailboxEvent>();

        // Act: after each reconnection, one more update; after the third, a delete, which ends the sequence.
        var writer = Task.Run(async () =>
        {
            for (var update = 1; update <= 3; update++)
            {
                while (Volatile.Read(ref connections) < update + 1)
                {
                    await Task.Delay(50, timeout.Token);
                }

                await client.UpdateAsync(created.MailboxUri, recipient, SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, update, "more"u8), cancellationToken: timeout.Token);
            }

            await client.DeleteAsync(created.MailboxUri, initiator, cancellationToken: timeout.Token);
        });
        await foreach (var next in client.ReadEventsCoreAsync(created.MailboxUri, initiator, 0, () => Interlocked.Increment(ref connections), timeout.Token))
        {
            events.Add(next);
        }

        await writer;

        // Assert: every event once, in order, over at least four connections, none opened sooner than the retry asked.
        Assert.Equal(
            [(1L, MailboxEventKind.Claimed), (2L, MailboxEventKind.Updated), (3L, MailboxEventKind.Updated), (4L, MailboxEventKind.Updated), (5L, MailboxEventKind.Deleted)],
            events.Select(e => (e.Id, e.Kind)));
        Assert.InRange(connections, 4, 4 + (int)(clock.Elapsed.TotalSeconds / 3));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3 * 3), $"Three reconnections took only {clock.Elapsed}: the client did not wait between them.");
    }
}

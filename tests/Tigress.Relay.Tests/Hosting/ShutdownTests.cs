using System.Diagnostics;
using System.Net;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_WithALongPollWaiting_AnswersItAtOnceAndStopsPromptly()
    {
        var relay = await LoopbackRelay.StartAsync();
        try
        {
            using var http = relay.CreateClient();
            var api = new MailboxApi(http);
            var initiator = Guid.NewGuid();
            var mailbox = await api.CreateAsync(initiator);
            var poll = api.ReadAsync(mailbox.Id, initiator, r => r.Headers.TryAddWithoutValidation("Prefer", "wait=60"));
            await Task.Delay(300);

            var clock = Stopwatch.StartNew();
            await relay.StopAsync();
            using var response = await poll.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {clock.Elapsed}.");
        }
        finally
        {
            await relay.DisposeAsync();
        }
    }
}

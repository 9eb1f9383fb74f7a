using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Tigress.Client.Dropbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>A dropbox server that is down or overloaded for a while is waited out, as a mailbox relay is.</summary>
public sealed class DropboxOutageTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    [Fact]
    public async Task RunAsync_ServerAnswers503LongerThanTheRequestRetries_RetriesAndCompletesOnceItIsBack()
    {
        var down = false;
        var events = new ConcurrentQueue<TransferEvent>();
        var overloaded = Dropboxes.Recorder((request, forward, _) =>
            Volatile.Read(ref down)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(1)) } })
                : forward());
        var options = new TransferSessionOptions { MaxOutageRetryDelay = TimeSpan.FromMilliseconds(300), EventOccurred = events.Enqueue };
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Nginx), "outlasts a 503", Dropboxes.Client(overloaded), options);
        var invitation = await Dropboxes.InviteAsync(initiator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        Volatile.Write(ref down, true);
        var running = initiator.RunAsync(timeout.Token);
        while (events.Count(e => e.Kind == TransferEventKind.RelayUnavailable) < 2 && !running.IsCompleted)
        {
            await Task.Delay(50, timeout.Token);
        }

        Assert.False(running.IsCompleted, $"RunAsync ended during the outage: {running.Exception?.InnerException?.Message}");
        Volatile.Write(ref down, false);
        using var recipient = Dropboxes.Receive(invitation);
        var received = await recipient.RunAsync(timeout.Token);
        var result = await running;

        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal(TransferStatus.Completed, result.Status);
        Assert.Equal("outlasts a 503", Encoding.UTF8.GetString(received.Content!));
        Assert.Contains("HTTP 503", events.First(e => e.Kind == TransferEventKind.RelayUnavailable).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerRefusesForGood_EndsWithTheRefusalInsteadOfWaiting()
    {
        var refusing = false;
        var refuser = Dropboxes.Recorder((request, forward, _) =>
            Volatile.Read(ref refusing) ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.MethodNotAllowed)) : forward());
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Nginx), "refused", Dropboxes.Client(refuser));
        await Dropboxes.InviteAsync(initiator);
        Volatile.Write(ref refusing, true);

        var failure = await Assert.ThrowsAsync<TransferException>(() => initiator.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(TransferError.RelayRefused, failure.Error);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, Assert.IsType<DropboxException>(failure.InnerException).StatusCode);
    }
}

using System.Collections.Concurrent;
using System.Net;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Testing;

namespace Tigress.Client.Tests.Transfers;

/// <summary>
/// A live share outlasts a relay that is down or misbehaves: <see cref="TransferSession.RunAsync"/> keeps trying with
/// a bounded backoff and says so, and no wait ever turns into a tight loop of requests.
/// </summary>
public sealed class RelayOutageTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task RunAsync_RelayDownLongerThanTheRequestRetries_RetriesAndCompletesOnceItIsBack()
    {
        var down = false;
        var events = new ConcurrentQueue<TransferEvent>();
        var outage = new InterceptingHandler((request, forward, _) =>
            Volatile.Read(ref down) ? throw new HttpRequestException(HttpRequestError.ConnectionError, "simulated outage") : forward());
        var options = new TransferSessionOptions { MaxOutageRetryDelay = TimeSpan.FromMilliseconds(300), EventOccurred = events.Enqueue };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "outlasts the outage", Clients.Create(outage), options);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        Volatile.Write(ref down, true);
        var running = initiator.RunAsync(timeout.Token);
        await WaitUntilAsync(() => events.Count(e => e.Kind == TransferEventKind.RelayUnavailable) >= 3 || running.IsCompleted, timeout.Token);
        Assert.False(running.IsCompleted, $"RunAsync ended during the outage: {running.Exception?.InnerException?.Message}");
        Volatile.Write(ref down, false);
        using var recipient = Shares.Receive(url);
        var received = await recipient.RunAsync(timeout.Token);
        var result = await running;

        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal(TransferStatus.Completed, result.Status);
        var retry = events.First(e => e.Kind == TransferEventKind.RelayUnavailable);
        Assert.NotNull(retry.Deadline);
        Assert.Contains("could not be reached", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RelayAsksToRetryAfter_OutageLoopWaitsThatLongRatherThanItsOwnCap()
    {
        var down = false;
        var events = new ConcurrentQueue<(TransferEvent Event, DateTimeOffset At)>();
        var overloaded = new InterceptingHandler((request, forward, _) =>
            Volatile.Read(ref down)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(3)) } })
                : forward());
        using var client = new MailboxClient(new HttpClient(overloaded), new MailboxClientOptions { MaxRetries = 0 });
        var options = new TransferSessionOptions
        {
            MaxOutageRetryDelay = TimeSpan.FromMilliseconds(300),
            UseServerSentEvents = false,
            EventOccurred = e => events.Enqueue((e, DateTimeOffset.UtcNow)),
        };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "waits as asked", client, options);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        Volatile.Write(ref down, true);
        var running = initiator.RunAsync(timeout.Token);
        await WaitUntilAsync(() => events.Any(e => e.Event.Kind == TransferEventKind.RelayUnavailable) || running.IsCompleted, timeout.Token);
        await timeout.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var (retry, at) = events.First(e => e.Event.Kind == TransferEventKind.RelayUnavailable);
        var wait = retry.Deadline!.Value - at;
        Assert.True(wait > TimeSpan.FromSeconds(2.5), $"the loop waits {wait}, not the relay's 3 seconds");
    }

    [Fact]
    public async Task RunAsync_BeforeTheShareExists_FailsAtOnceInsteadOfRetrying()
    {
        var unreachable = new InterceptingHandler((_, _, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "simulated outage"));
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "never shared", Clients.Create(unreachable));

        var failure = await Assert.ThrowsAsync<TransferException>(() => initiator.RunAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(TransferError.RelayUnreachable, failure.Error);
    }

    [Fact]
    public async Task LongPoll_ServerThatAnswersAtOnce_IsNotPolledInATightLoop()
    {
        // Every read is answered at once with "nothing yet", as by a server that ignores Prefer: wait.
        var impatient = new InterceptingHandler((request, forward, _) =>
            request.Method == HttpMethod.Post && !request.RequestUri!.AbsolutePath.EndsWith("/v1/m", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent))
                : forward());
        var options = new TransferSessionOptions { LongPollWait = TimeSpan.FromSeconds(2), UseServerSentEvents = false };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "nobody answers", Clients.Create(impatient), options);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => initiator.RunAsync(stop.Token));

        // A backoff from half a second: a handful of reads in five seconds, where a tight loop makes thousands.
        var reads = impatient.Requests.Count(r => r.IsRead);
        Assert.InRange(reads, 2, 15);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}

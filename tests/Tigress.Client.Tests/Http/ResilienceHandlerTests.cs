using Microsoft.Extensions.DependencyInjection;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Testing;

namespace Tigress.Client.Tests.Http;

/// <summary>
/// The SDK behind the standard resilience handler of Microsoft.Extensions.Http.Resilience, as an application adds it
/// with <c>AddStandardResilienceHandler()</c>, against a real relay. Its timeouts are scaled down (1 s per attempt, 3 s
/// in all) against 5 s long polls, to cut polls short the way the defaults (10 s, 30 s) cut the SDK's 30 s polls.
/// </summary>
public sealed class ResilienceHandlerTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AttemptTimeoutShorterThanTheLongPoll_CompletesAndNothingForeignEscapes(bool useEventStream)
    {
        var attempts = new CountingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("relay", client => client.Timeout = TimeSpan.FromSeconds(90))
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(3);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            })
            .Services.AddHttpClient("relay").AddHttpMessageHandler(() => attempts);
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("relay");
        var sessionOptions = new TransferSessionOptions
        {
            LongPollWait = TimeSpan.FromSeconds(5),
            UseServerSentEvents = useEventStream,
            MaxOutageRetryDelay = TimeSpan.FromSeconds(1),
        };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "behind a resilience handler", new MailboxClient(http, Clients.FastRetries), sessionOptions);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var running = initiator.RunAsync(timeout.Token);

        // Long enough that the handler gave up on a whole request at least once (a long poll, or a stream it cut).
        var waited = Task.Delay(TimeSpan.FromSeconds(useEventStream ? 8 : 1), timeout.Token);
        while (!waited.IsCompleted || (!useEventStream && attempts.Cancelled < 3))
        {
            Assert.False(running.IsFaulted, $"RunAsync failed: {running.Exception?.InnerException}");
            await Task.WhenAny(running, Task.Delay(100, timeout.Token));
        }

        Assert.False(running.IsCompleted, $"RunAsync ended early: {running.Exception?.InnerException}");
        using var recipient = Shares.Receive(url);
        var received = await recipient.RunAsync(timeout.Token);
        var result = await running;

        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal(TransferStatus.Completed, result.Status);
    }

    /// <summary>Sits inside the resilience handler and counts the attempts its timeouts cancelled.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        private int _cancelled;

        public int Cancelled => Volatile.Read(ref _cancelled);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
    }
}

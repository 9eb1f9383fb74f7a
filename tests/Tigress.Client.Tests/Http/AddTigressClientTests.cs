using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Testing;

namespace Tigress.Client.Tests.Http;

/// <summary><c>AddTigressClient</c>: typed clients over IHttpClientFactory, under the standard resilience handler.</summary>
public sealed class AddTigressClientTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task AddTigressClient_TransientClientsOverTheFactory_ShareAndReceiveBehindTheResilienceHandler()
    {
        var attempts = new Counter();
        var services = new ServiceCollection();
        services.AddTigressClient(http => http
            .AddStandardResilienceHandler(options =>
            {
                // Scaled down, as an application would scale them up: the attempt timeout cuts the long polls short.
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(3);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            })
            .Services.AddHttpClient(http.Name).AddHttpMessageHandler(() => new CountingHandler(attempts)));
        services.Configure<MailboxClientOptions>(options => options.MaxRetries = 2);
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<TigressClient>();
        var second = provider.GetRequiredService<TigressClient>();
        var sessionOptions = new TransferSessionOptions { LongPollWait = TimeSpan.FromSeconds(5), MaxOutageRetryDelay = TimeSpan.FromSeconds(1) };
        using var initiator = await TransferSession.ShareAsync(first, new ShareRequest
        {
            RelayUri = fixture.BaseUri,
            Format = AuthorizationTokenVertical.FormatName,
            Content = "through the factory"u8.ToArray(),
            DisplayInformation = Samples.Display,
        }, sessionOptions);
        using var link = await initiator.GetLinkAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var sending = initiator.RunAsync(timeout.Token);

        // Long enough for the handler to have cut a wait on the event stream at least once.
        await Task.Delay(TimeSpan.FromSeconds(4), timeout.Token);
        using var recipient = TransferSession.Receive(second, link, options: sessionOptions);
        var received = await recipient.RunAsync(timeout.Token);

        Assert.NotSame(first, second);
        Assert.NotSame(first.Mailbox, second.Mailbox);
        Assert.Equal("through the factory", Encoding.UTF8.GetString(received.Content!));
        Assert.Equal(TransferStatus.Completed, (await sending).Status);
        Assert.True(attempts.Sent > 3, $"only {attempts.Sent} requests went through the configured pipeline");
    }

    private sealed class Counter
    {
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public void Add() => Interlocked.Increment(ref _sent);
    }

    private sealed class CountingHandler(Counter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}

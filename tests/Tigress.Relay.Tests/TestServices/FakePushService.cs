using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tigress.Testing;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>
/// A push service (RFC 8030) played in process by Kestrel on 127.0.0.1 over plain HTTP, which the relay may reach
/// only with <c>Relay:Push:AllowLoopback</c>. It records every message posted to <c>/push/{name}</c> and answers
/// each subscription as the test says: 201 by default, or another status, optionally after a delay.
/// </summary>
internal sealed class FakePushService : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, Behavior> _behaviors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<ReceivedPush>> _received = new(StringComparer.Ordinal);

    private FakePushService()
    {
    }

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<FakePushService> StartAsync()
    {
        var service = new FakePushService();
        (service._app, service.BaseUri) = await LoopbackApp.StartAsync(app => app.MapPost("/push/{name}", async (HttpContext context, string name) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            service.Channel(name).Writer.TryWrite(new ReceivedPush(name, headers, body.ToArray(), Stopwatch.GetTimestamp()));
            var behavior = service._behaviors.TryGetValue(name, out var b) ? b : Behavior.Default;
            if (behavior.Delay > TimeSpan.Zero)
            {
                await Task.Delay(behavior.Delay, context.RequestAborted);
            }

            if (behavior.Statuses.TryDequeue(out var status) is false)
            {
                status = behavior.Final;
            }

            context.Response.StatusCode = status;
            if (status == StatusCodes.Status201Created)
            {
                context.Response.Headers.Location = $"/message/{Guid.NewGuid():N}";
            }
            else if (status == StatusCodes.Status429TooManyRequests)
            {
                context.Response.Headers.RetryAfter = "1";
            }
        }));
        return service;
    }

    /// <summary>The endpoint URL of a subscription named <paramref name="name"/>.</summary>
    public string Endpoint(string name) => new Uri(BaseUri, $"push/{name}").AbsoluteUri;

    /// <summary>Answers <paramref name="name"/>'s messages with <paramref name="statuses"/> in turn, then <paramref name="final"/>.</summary>
    public void Answer(string name, int final, TimeSpan delay = default, params int[] statuses) =>
        _behaviors[name] = new Behavior(final, delay, new ConcurrentQueue<int>(statuses));

    /// <summary>The next message posted for <paramref name="name"/>.</summary>
    public async Task<ReceivedPush> NextAsync(string name, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await Channel(name).Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No push arrived for '{name}' in time.");
        }
    }

    /// <summary>Checks that nothing arrives for <paramref name="name"/> within <paramref name="wait"/>.</summary>
    public async Task ExpectNoneAsync(string name, TimeSpan wait)
    {
        await Task.Delay(wait);
        Assert.False(Channel(name).Reader.TryRead(out _), $"A push arrived for '{name}' that should not have.");
    }

    /// <summary>How many messages arrived for any subscription and were not read yet.</summary>
    public int Unread => _received.Values.Sum(c => c.Reader.Count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Channel<ReceivedPush> Channel(string name) => _received.GetOrAdd(name, _ => System.Threading.Channels.Channel.CreateUnbounded<ReceivedPush>());

    private sealed record Behavior(int Final, TimeSpan Delay, ConcurrentQueue<int> Statuses)
    {
        public static Behavior Default { get; } = new(StatusCodes.Status201Created, TimeSpan.Zero, new ConcurrentQueue<int>());
    }
}

/// <summary>One message as the push service received it.</summary>
internal sealed record ReceivedPush(string Name, IReadOnlyDictionary<string, string> Headers, byte[] Body, long ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

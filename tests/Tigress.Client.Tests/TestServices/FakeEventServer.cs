using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tigress.Testing;

namespace Tigress.Client.Tests.TestServices;

/// <summary>
/// An in-process HTTP server on loopback that answers <c>GET /v1/m/{id}/events</c> with whatever a test scripts:
/// for what the real relay never sends (unknown events, malformed data, a stream that closes at once).
/// </summary>
public sealed class FakeEventServer : IAsyncDisposable
{
    private readonly List<(DateTimeOffset At, string? LastEventId)> _connections = [];
    private WebApplication _app = null!;

    private FakeEventServer()
    {
    }

    private async Task AnswerAsync(HttpContext context, Func<HttpContext, int, Task> respond)
    {
        int number;
        lock (_connections)
        {
            number = _connections.Count;
            _connections.Add((DateTimeOffset.UtcNow, context.Request.Headers["Last-Event-ID"].FirstOrDefault()));
        }

        await respond(context, number);
    }

    /// <summary>A mailbox URL on this server.</summary>
    public Uri MailboxUri { get; private set; } = null!;

    /// <summary>Every connection to the event stream: when it came, and the <c>Last-Event-ID</c> it carried.</summary>
    public IReadOnlyList<(DateTimeOffset At, string? LastEventId)> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Starts a server whose n-th connection (from 0) is answered by <paramref name="respond"/>.</summary>
    public static async Task<FakeEventServer> StartAsync(Func<HttpContext, int, Task> respond)
    {
        var server = new FakeEventServer();
        (server._app, var baseUri) = await LoopbackApp.StartAsync(app => app.MapGet("/v1/m/{id:guid}/events", context => server.AnswerAsync(context, respond)));
        server.MailboxUri = new Uri(baseUri, "v1/m/" + Guid.NewGuid().ToString("D"));
        return server;
    }

    /// <summary>Answers with <paramref name="text"/> as an event stream, then ends the response.</summary>
    public static Task StreamAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/event-stream";
        return context.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tigress.Testing;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>
/// An HTTP server on loopback that answers every request as a test scripts it, for what a real relay never does:
/// garbage, redirects, a server that is not a relay. It records each request's method, path and whether it carried
/// a device claim.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, string Path, bool HadClaim)> _requests = new();
    private WebApplication _app = null!;

    private ScriptedServer()
    {
    }

    /// <summary>The server's base URL, ending with '/'.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<(string Method, string Path, bool HadClaim)> Requests => [.. _requests];

    public static async Task<ScriptedServer> StartAsync(RequestDelegate respond)
    {
        var server = new ScriptedServer();
        (server._app, server.BaseUri) = await LoopbackApp.StartAsync(app => app.Run(context =>
        {
            server._requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.Headers.ContainsKey("Mailbox-Device-Claim")));
            return respond(context);
        }));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

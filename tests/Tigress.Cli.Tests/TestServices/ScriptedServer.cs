using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>
/// An HTTP server on loopback that answers every request as a test scripts it, for what a real relay never does:
/// garbage, redirects, a server that is not a relay. It records each request's method, path and whether it carried
/// a device claim.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, string Path, bool HadClaim)> _requests = new();

    private ScriptedServer(WebApplication app, RequestDelegate respond)
    {
        _app = app;
        app.Run(context =>
        {
            _requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.Headers.ContainsKey("Mailbox-Device-Claim")));
            return respond(context);
        });
    }

    /// <summary>The server's base URL, ending with '/'.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<(string Method, string Path, bool HadClaim)> Requests => [.. _requests];

    public static async Task<ScriptedServer> StartAsync(RequestDelegate respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedServer(builder.Build(), respond);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tigress.Client.Tests.TestServices;

/// <summary>
/// An in-process HTTP server on loopback that stores PUT bodies like a plain WebDAV folder (no listing, no
/// <c>Prefer: wait</c>), and can misbehave on cue: drop a stored message, serve another body than was stored.
/// Only for what a real server will not do; everything else runs against nginx and the relay.
/// </summary>
public sealed class FakeDropboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _stored = new();
    private readonly List<(string Location, byte[] Body)> _puts = [];

    private FakeDropboxServer(WebApplication app) => _app = app;

    /// <summary>The dropbox base URL.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Decides, for the n-th PUT (from 0) to a location, whether the body is kept. It is answered 201 either way.</summary>
    public Func<int, string, byte[], bool>? Keep { get; set; }

    /// <summary>Decides what a GET of a location returns, given what is stored there (null: 404).</summary>
    public Func<string, byte[]?, byte[]?>? Serve { get; set; }

    /// <summary>Every PUT so far, in order.</summary>
    public IReadOnlyList<(string Location, byte[] Body)> Puts
    {
        get
        {
            lock (_puts)
            {
                return [.. _puts];
            }
        }
    }

    /// <summary>How many messages the server holds.</summary>
    public int StoredCount => _stored.Count;

    public static async Task<FakeDropboxServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDropboxServer(app);
        app.MapPut("/dav/{location}", server.PutAsync);
        app.MapGet("/dav/{location}", server.Get);
        app.MapDelete("/dav/{location}", server.Delete);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/dav/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> PutAsync(string location, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        int number;
        lock (_puts)
        {
            number = _puts.Count;
            _puts.Add((location, body));
        }

        if (Keep?.Invoke(number, location, body) ?? true)
        {
            _stored[location] = body;
        }

        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private IResult Get(string location)
    {
        _stored.TryGetValue(location, out var stored);
        var served = Serve is null ? stored : Serve(location, stored);
        return served is null ? Results.NotFound() : Results.Bytes(served, "application/octet-stream");
    }

    private IResult Delete(string location) =>
        _stored.TryRemove(location, out _) ? Results.NoContent() : Results.NotFound();
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tigress.Testing;

namespace Tigress.Client.Tests.TestServices;

/// <summary>
/// An in-process HTTP server on loopback that stores PUT bodies like a plain WebDAV folder (no listing, no
/// <c>Prefer: wait</c>), and can misbehave on cue: drop a stored message, serve another body than was stored.
/// Only for what a real server will not do; everything else runs against nginx and the relay.
/// </summary>
public sealed class FakeDropboxServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _stored = new();
    private readonly List<(string Location, byte[] Body)> _puts = [];
    private WebApplication _app = null!;

    private FakeDropboxServer()
    {
    }

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
        var server = new FakeDropboxServer();
        (server._app, var baseUri) = await LoopbackApp.StartAsync(app =>
        {
            app.MapPut("/dav/{location}", server.PutAsync);
            app.MapGet("/dav/{location}", server.Get);
            app.MapDelete("/dav/{location}", server.Delete);
        });
        server.BaseUri = new Uri(baseUri, "dav/");
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

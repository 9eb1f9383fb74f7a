using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Storage;
using Tigress.Testing;

namespace Tigress.Client.Tests.TestServices;

/// <summary>
/// The real servers the dropbox binding runs against, shared by the tests of a class: a stock nginx with WebDAV,
/// the relay's <c>/d/</c>, and the relay with its cookie lock on. Tests pick one by name from <see cref="Names"/>.
/// </summary>
public sealed class DropboxServers : IAsyncLifetime
{
    public const string Nginx = "nginx";
    public const string Relay = "relay";
    public const string LockedRelay = "relay-lock";

    private NginxWebDav? _nginx;
    private LoopbackRelay? _relay;
    private LoopbackRelay? _lockedRelay;

    public static TheoryData<string> Names => new() { Nginx, Relay, LockedRelay };

    public NginxWebDav NginxServer => _nginx ?? throw new InvalidOperationException("nginx has not started.");

    public LoopbackRelay RelayServer => _relay ?? throw new InvalidOperationException("The relay has not started.");

    public LoopbackRelay LockedRelayServer => _lockedRelay ?? throw new InvalidOperationException("The locked relay has not started.");

    /// <summary>The dropbox base URL of the named server.</summary>
    public Uri BaseUri(string name) => name switch
    {
        Nginx => NginxServer.BaseUri,
        Relay => new Uri(RelayServer.BaseUri, "d/"),
        LockedRelay => new Uri(LockedRelayServer.BaseUri, "d/"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Asserts that the named server holds no message at any of <paramref name="locations"/> (and, for
    /// nginx, no file at all).</summary>
    public async Task AssertNothingLeftAsync(string name, IEnumerable<Uri> locations)
    {
        var all = locations.ToList();
        Assert.NotEmpty(all);
        if (name == Nginx)
        {
            Assert.Empty(NginxServer.StoredFiles);
            return;
        }

        var relay = name == Relay ? RelayServer : LockedRelayServer;
        var store = relay.Services.GetRequiredService<IDropboxStore>();
        using var http = new HttpClient();
        foreach (var location in all)
        {
            var id = location.Segments[^1];
            var stored = await store.GetAsync(new DropboxRequest(id, DateTimeOffset.UtcNow, null), DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
            Assert.Equal(DropboxStatus.NotFound, stored.Status);
            if (name == Relay)
            {
                using var response = await http.GetAsync(location);
                Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            }
        }
    }

    public async Task InitializeAsync()
    {
        var nginx = NginxWebDav.StartAsync();
        var relay = LoopbackRelay.StartAsync();
        var locked = LoopbackRelay.StartAsync(new Dictionary<string, string?> { ["Relay:DropboxLock"] = "true" });
        _nginx = await nginx;
        _relay = await relay;
        _lockedRelay = await locked;
    }

    public async Task DisposeAsync()
    {
        foreach (var resource in new IAsyncDisposable?[] { _nginx, _relay, _lockedRelay })
        {
            if (resource is not null)
            {
                await resource.DisposeAsync();
            }
        }
    }
}

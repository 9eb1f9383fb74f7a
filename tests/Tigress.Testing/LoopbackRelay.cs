using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Hosting;

namespace Tigress.Testing;

/// <summary>
/// A real relay, built exactly as <c>tigress relay</c> builds it, listening on an ephemeral loopback port with
/// its SQLite store (or the store a test chooses) and its data in a fresh temporary folder. Rate limits are off
/// unless a test turns them on. Its push client connects to loopback only and resolves names from a
/// <see cref="TestPushNames"/> table, never from DNS.
/// </summary>
public sealed class LoopbackRelay : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;

    private LoopbackRelay(WebApplication app, string dataDirectory, bool ownsDataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>The relay's base URL, ending with '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>The folder holding the relay's database.</summary>
    public string DataDirectory { get; }

    /// <summary>The relay's services, to reach its store, clock or metrics from a test.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a relay. <paramref name="settings"/> override configuration keys such as <c>Relay:MaxTtl</c>;
    /// <paramref name="configureStorage"/> chooses another store than SQLite, as <c>TigressRelayHost.Build</c> does.
    /// </summary>
    public static async Task<LoopbackRelay> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        string? dataDirectory = null,
        Action<ITigressRelayBuilder>? configureStorage = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= TemporaryFolder.Create("relay");
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Relay:DataDirectory"] = dataDirectory,
            ["Relay:RateLimits:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        // Set last, so no test can turn it off: the push client reaches 127.0.0.1 and ::1 only.
        all["Relay:Push:LoopbackOnly"] = "true";

        var app = TigressRelayHost.Build(all, services =>
        {
            // Names resolve from a table, never from DNS; a test may bring its own table.
            services.AddSingleton<Tigress.Relay.Notifications.IPushAddressResolver>(new TestPushNames());
            configureServices?.Invoke(services);
        }, configureStorage, Tigress.Relay.Prometheus.PrometheusRelayMetrics.Instance);
        await app.StartAsync().ConfigureAwait(false);
        return new LoopbackRelay(app, dataDirectory, owns);
    }

    /// <summary>An <see cref="HttpClient"/> aimed at the relay.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(90) };

    /// <summary>Stops the relay without deleting its data, so a test can start another on the same folder.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by the test.
        }

        if (_ownsDataDirectory)
        {
            TemporaryFolder.Delete(DataDirectory);
        }
    }
}

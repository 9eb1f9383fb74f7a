using Tigress.Testing;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>A stock nginx with WebDAV and a relay on loopback, for the dropbox tests of a class.</summary>
public sealed class DropboxFixture : IAsyncLifetime
{
    private NginxWebDav? _nginx;
    private LoopbackRelay? _relay;

    public NginxWebDav Nginx => _nginx ?? throw new InvalidOperationException("nginx has not started.");

    public LoopbackRelay Relay => _relay ?? throw new InvalidOperationException("The relay has not started.");

    public async Task InitializeAsync()
    {
        var relay = LoopbackRelay.StartAsync();
        _nginx = await NginxWebDav.StartAsync();
        _relay = await relay;
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
    }
}

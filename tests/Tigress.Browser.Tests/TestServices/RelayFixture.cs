using Tigress.Testing;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>One loopback relay shared by a test class.</summary>
public sealed class RelayFixture : IAsyncLifetime
{
    private LoopbackRelay? _relay;

    public LoopbackRelay Relay => _relay ?? throw new InvalidOperationException("The relay has not started.");

    public Uri BaseUri => Relay.BaseUri;

    public async Task InitializeAsync() => _relay = await LoopbackRelay.StartAsync();

    public async Task DisposeAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
    }
}

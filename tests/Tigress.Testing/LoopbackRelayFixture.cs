using Xunit;

namespace Tigress.Testing;

/// <summary>One real relay on loopback shared by the tests of a class; every test uses its own mailboxes.</summary>
public sealed class LoopbackRelayFixture : IAsyncLifetime
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

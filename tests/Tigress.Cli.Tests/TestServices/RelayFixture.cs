using Tigress.Testing;

namespace Tigress.Cli.Tests.TestServices;

/// <summary>One real relay on loopback for the tests of a class.</summary>
public sealed class RelayFixture : IAsyncLifetime
{
    private LoopbackRelay? _relay;

    public LoopbackRelay Relay => _relay ?? throw new InvalidOperationException("The relay has not started.");

    public async Task InitializeAsync() => _relay = await LoopbackRelay.StartAsync();

    public async Task DisposeAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
    }
}

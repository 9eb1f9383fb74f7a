using Tigress.Testing;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>One real relay on loopback shared by a test class; every test makes its own mailboxes.</summary>
public sealed class RelayFixture : IAsyncLifetime
{
    private LoopbackRelay? _relay;

    public LoopbackRelay Relay => _relay ?? throw new InvalidOperationException("The relay has not started.");

    internal MailboxApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _relay = await LoopbackRelay.StartAsync();
        Api = new MailboxApi(_relay.CreateClient());
    }

    public async Task DisposeAsync()
    {
        Api.Http.Dispose();
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
    }
}

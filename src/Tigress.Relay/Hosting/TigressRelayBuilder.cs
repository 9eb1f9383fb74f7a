using Microsoft.Extensions.DependencyInjection;

namespace Tigress.Relay.Hosting;

internal sealed class TigressRelayBuilder(IServiceCollection services) : ITigressRelayBuilder
{
    public IServiceCollection Services { get; } = services;
}

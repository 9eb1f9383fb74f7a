using Microsoft.Extensions.DependencyInjection;

namespace Tigress.Relay.Hosting;

/// <summary>Returned by <c>AddTigressRelay</c>; storage is chosen with its extension methods (<c>AddSqliteStorage</c>, ...).</summary>
public interface ITigressRelayBuilder
{
    /// <summary>The services the relay is registered in.</summary>
    IServiceCollection Services { get; }
}

namespace Tigress.Relay.Hosting;

/// <summary>Registered by <c>AddTigressRelay</c>, so <c>MapTigressRelay</c> can tell whether it was called.</summary>
internal sealed class TigressRelayMarker;

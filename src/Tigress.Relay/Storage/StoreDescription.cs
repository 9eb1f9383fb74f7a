namespace Tigress.Relay.Storage;

/// <summary>
/// Which store the relay runs on and where it keeps its data, for the startup log line. A store registers one as a
/// singleton; without one the relay names the store's type.
/// </summary>
/// <param name="Name">The store's short name, such as <c>sqlite</c> or <c>redis</c>.</param>
/// <param name="Location">Where the data lives: a folder, or server endpoints; never a password.</param>
public sealed record StoreDescription(string Name, string Location);

namespace Tigress.Relay.Storage;

/// <summary>Which store the relay runs on and where it keeps its data, for the startup log line.</summary>
/// <param name="Name">The store's short name, as <c>--store</c> spells it.</param>
/// <param name="Location">Where the data lives: a folder, or server endpoints; never a password.</param>
internal sealed record StoreDescription(string Name, string Location);

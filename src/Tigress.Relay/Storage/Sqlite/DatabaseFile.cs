namespace Tigress.Relay.Storage.Sqlite;

/// <summary>Where the SQLite database lives, for the startup message.</summary>
internal readonly record struct DatabaseFile(string Path);

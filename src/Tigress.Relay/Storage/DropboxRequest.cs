namespace Tigress.Relay.Storage;

/// <summary>One request to a dropbox location.</summary>
/// <param name="Location">The 43-character base64url location.</param>
/// <param name="Now">The relay's clock, for exact expiry.</param>
/// <param name="Lock">The cookie-lock part of the request, or <see langword="null"/> when the lock is off.</param>
public sealed record DropboxRequest(string Location, DateTimeOffset Now, DropboxLockKey? Lock);

/// <summary>
/// The cookie lock: the hash of the cookie the client presented (if any) and of the fresh cookie the relay would
/// hand it if the location still admits a new client (at most two per location).
/// </summary>
/// <param name="Presented">SHA-256 of the presented cookie, or <see langword="null"/>.</param>
/// <param name="Offered">SHA-256 of the cookie the relay will set if the client is admitted now.</param>
public sealed record DropboxLockKey(byte[]? Presented, byte[] Offered);

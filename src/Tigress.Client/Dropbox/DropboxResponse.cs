namespace Tigress.Client.Dropbox;

/// <summary>A dropbox server's answer: the status, the body of a successful read, and whether it set cookies.</summary>
internal sealed record DropboxResponse(DropboxResponseStatus Status, byte[]? Body, bool CookiesChanged, TimeSpan Elapsed);

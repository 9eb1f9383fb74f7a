namespace Tigress.Relay.Storage;

/// <summary>How a dropbox operation ended.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Body">For a successful read: the message.</param>
/// <param name="CookieIssued">Whether the client was admitted by the lock just now and must be given its cookie.</param>
public sealed record DropboxResult(DropboxStatus Status, byte[]? Body = null, bool CookieIssued = false);

/// <summary>The outcome of a dropbox operation.</summary>
public enum DropboxStatus
{
    /// <summary>Done.</summary>
    Ok = 0,

    /// <summary>Nothing is (or is any longer) at this location.</summary>
    NotFound,

    /// <summary>The location was written before; dropbox locations are write-once.</summary>
    AlreadyWritten,

    /// <summary>The cookie lock admits two clients per location and this is a third.</summary>
    Locked,
}

namespace Tigress.Relay.Storage;

/// <summary>
/// Where dropbox messages live (docs/protocol.md section 11): one write-once message per location, read and then
/// deleted by the receiver. Every method is one atomic step, including the cookie-lock decision.
/// </summary>
public interface IDropboxStore
{
    /// <summary>Stores the message for a location that was never written.</summary>
    Task<DropboxResult> PutAsync(DropboxRequest request, byte[] body, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Reads the message at a location, if it is written and not yet deleted.</summary>
    Task<DropboxResult> GetAsync(DropboxRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes a written message; the location stays used, so it can never be written again.</summary>
    Task<DropboxResult> DeleteAsync(DropboxRequest request, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Starts watching a location; the watch completes on the next write or delete there.</summary>
    MailboxWatch Watch(string location);

    /// <summary>Removes locations whose time has passed; returns how many.</summary>
    Task<int> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

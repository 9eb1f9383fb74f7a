namespace Tigress.Relay.Storage;

/// <summary>
/// Where mailboxes live. Every method is one atomic step, so that an implementation on a distributed engine
/// (one Lua script on Redis) keeps the same guarantees as one SQLite transaction: first claim wins, an update
/// and its idempotency record are written together, an expired mailbox is never served.
/// </summary>
/// <remarks>
/// Implementations keep only <see cref="ClaimHash"/> values, never claims, and pass the contract test suite.
/// The authorization rules (which role may do what) are part of the contract because they must be decided
/// inside the same atomic step as the change they guard. A replayed request id is answered from its record only
/// while the mailbox is live, except for a delete, whose record outlives the mailbox.
/// </remarks>
public interface IMailboxStore
{
    /// <summary>
    /// Creates a mailbox and records the answer for <paramref name="request"/> in the same step; if that request
    /// was already executed, changes nothing and returns <see cref="MailboxStatus.Replayed"/>.
    /// </summary>
    Task<MailboxWriteResult> CreateAsync(NewMailbox mailbox, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the latest message written by the other side of the reader. If no recipient is bound
    /// yet and the reader is not the initiator, binds it as the recipient in the same step (first claim wins).
    /// A read whose request id was answered before returns <see cref="MailboxStatus.Replayed"/> with that answer.
    /// </summary>
    Task<MailboxReadResult> ReadAsync(MailboxRead read, CancellationToken cancellationToken);

    /// <summary>Records the answer to a read, so that a retried read with the same request id gets it back.</summary>
    Task SaveResponseAsync(Guid mailboxId, DateTimeOffset expiresAt, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>Writes the caller's message slot and/or settings, and records the answer, in one step.</summary>
    Task<MailboxWriteResult> UpdateAsync(MailboxUpdate update, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>Deletes a mailbox on behalf of the initiator, or of a recipient holding <see cref="AccessRights.Delete"/>.</summary>
    Task<MailboxWriteResult> DeleteAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>Unbinds the recipient and clears its slot, so the next new claim may bind.</summary>
    Task<MailboxWriteResult> RelinquishAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>The display information for the public preview page, or <see langword="null"/> if the mailbox is not live.</summary>
    Task<MailboxPreview?> GetPreviewAsync(Guid mailboxId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes mailboxes and request records whose time has passed.</summary>
    Task<SweepResult> SweepExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Starts watching a mailbox: the returned watch completes on the next change after this call, from this
    /// process or (for a shared store) from another relay node. Watch before reading, to miss nothing.
    /// </summary>
    MailboxWatch Watch(Guid mailboxId);

    /// <summary>Whether the store answers; used by <c>/healthz</c>.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

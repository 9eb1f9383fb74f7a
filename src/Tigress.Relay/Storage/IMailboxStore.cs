using Tigress.Protocol.Wire;

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
/// while the mailbox is live, except for a delete, whose record outlives the mailbox; a create replayed after its
/// mailbox was deleted is <see cref="MailboxStatus.NotFound"/>, never a new mailbox. The same id with another
/// operation, mailbox or request body is <see cref="MailboxStatus.RequestIdConflict"/>. A mailbox keeps at most its
/// latest <see cref="KeptRequests"/> records; older ones are forgotten (a retry that old runs again as a new request).
/// <para>
/// Each mailbox keeps an event log for the Server-Sent Events stream (docs/protocol.md section 8): a read that binds a recipient
/// records <see cref="MailboxEventKind.Claimed"/>, an update that writes a message or changes a setting records
/// <see cref="MailboxEventKind.Updated"/>, a relinquish records <see cref="MailboxEventKind.Relinquished"/>, each in
/// the same step as the change, numbered 1, 2, 3... per mailbox. The log goes with the mailbox; a store may keep
/// only the latest 256 entries. Results of successful writes carry the notification tokens the relay needs to tell
/// the other side.
/// </para>
/// <para>
/// A mailbox created with <see cref="NewMailbox.PinProtection"/> (the relay-assisted PIN, docs/protocol.md section
/// 12.6) binds a claim only in a read that proves the PIN, decided in the same step as the binding: a read by a claim
/// that is not bound gets <see cref="MailboxStatus.PinRequired"/> without a proof (nothing changes), binds when the
/// SHA-256 of its proof equals the verifier (compared in constant time), and otherwise spends one guess, records
/// <see cref="MailboxEventKind.PinFailed"/> with the guesses left and a request record that answers a repeat the same
/// (<see cref="MailboxStatus.WrongPin"/>, nothing spent). The guess that spends the last one locks the mailbox in the same
/// step: the initiator's message, the OPRF key and the verifier are erased, and every later read or evaluation by a
/// claim other than the initiator's is <see cref="MailboxStatus.PinLocked"/>. The initiator and a bound recipient read
/// without a proof; a relinquish does not give guesses back. The key and the verifier leave the store only through
/// <see cref="ReadPinKeyAsync"/> (the key alone), never in a read, an event or a preview.
/// </para>
/// </remarks>
public interface IMailboxStore
{
    /// <summary>How many request records a mailbox keeps at most, so that no client can grow the store without bound.</summary>
    const int KeptRequests = 64;

    /// <summary>
    /// Creates a mailbox and records the answer for <paramref name="request"/> in the same step; if that request
    /// was already executed, changes nothing and returns <see cref="MailboxStatus.Replayed"/>.
    /// </summary>
    Task<MailboxWriteResult> CreateAsync(NewMailbox mailbox, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the latest message written by the other side of the reader. If no recipient is bound
    /// yet and the reader is not the initiator, binds it as the recipient in the same step (first claim wins), and
    /// only then records the request id (a small record without any answer). A read whose request id bound the claim
    /// before is executed again and flagged <see cref="MailboxReadResult.Replayed"/>; any other read writes nothing.
    /// </summary>
    Task<MailboxReadResult> ReadAsync(MailboxRead read, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the caller's message slot and/or settings, and records the answer, in one step. A new expiry is capped at
    /// the mailbox's <see cref="NewMailbox.LatestExpiresAt"/>.
    /// </summary>
    Task<MailboxWriteResult> UpdateAsync(MailboxUpdate update, RequestRecord request, CancellationToken cancellationToken);

    /// <summary>Deletes a mailbox on behalf of the initiator, or of a recipient holding <see cref="MailboxAccessRights.Delete"/>.</summary>
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

    /// <summary>
    /// Reads a live mailbox's events numbered above <paramref name="afterSequence"/>, oldest first and at most 256,
    /// with the side <paramref name="claim"/> belongs to now. Events are returned whatever that side; the caller refuses a claim
    /// that belongs to neither before it shows any.
    /// </summary>
    Task<MailboxEventsResult> ReadEventsAsync(Guid mailboxId, ClaimHash claim, long afterSequence, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a side's notification token because its push service reported it gone (404 or 410), unless that side
    /// has registered a different token since.
    /// </summary>
    Task DropNotificationTokenAsync(Guid mailboxId, MailboxRole side, byte[] token, CancellationToken cancellationToken);

    /// <summary>
    /// The OPRF key of a live mailbox with a relay-assisted PIN that is not locked, and its guesses left, for the relay
    /// to evaluate a blinded PIN with (docs/protocol.md section 12.6). Changes nothing. Once a recipient is bound, a
    /// claim that belongs to neither side is <see cref="MailboxStatus.WrongClaim"/>.
    /// </summary>
    Task<MailboxPinKeyResult> ReadPinKeyAsync(Guid mailboxId, ClaimHash claim, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether the store answers and can commit a write; used by <c>/healthz</c>.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

namespace Tigress.Relay.Storage;

/// <summary>How a create, update, delete or relinquish ended.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Role">The writer's side, for <see cref="MailboxStatus.Ok"/>.</param>
/// <param name="WasClaimed">For a delete: whether a recipient was bound at the time.</param>
/// <param name="Replay">For <see cref="MailboxStatus.Replayed"/>: the first answer.</param>
public sealed record MailboxWriteResult(
    MailboxStatus Status,
    MailboxRole Role = default,
    bool WasClaimed = false,
    StoredResponse? Replay = null)
{
    /// <summary>For an update or delete that succeeded: when the mailbox expires (expired, for a delete, from then on).</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>For an update or delete that succeeded: the initiator's notification token after it, so the relay can notify.</summary>
    public byte[]? InitiatorToken { get; init; }

    /// <summary>For an update or delete that succeeded: the recipient's notification token after it, so the relay can notify.</summary>
    public byte[]? RecipientToken { get; init; }

    /// <summary>A result with only a status.</summary>
    public static MailboxWriteResult Failed(MailboxStatus status) => new(status);
}

namespace Tigress.Client.Transfers;

/// <summary>Where a transfer stands.</summary>
public enum TransferStatus
{
    /// <summary>Under way: messages are still to be sent or received.</summary>
    Active = 0,

    /// <summary>Done: the recipient holds the credential, and nothing of the transfer is left on the server (the
    /// mailbox initiator deleted the mailbox; every dropbox message was deleted by its reader).</summary>
    Completed = 1,

    /// <summary>One side cancelled; see <see cref="TransferResult.CancelReason"/>.</summary>
    Cancelled = 2,

    /// <summary>The mailbox is gone. For the initiator it expired; for the recipient it expired, the sender cancelled
    /// it, or (before this device claimed it) it was already received. The relay deliberately does not say which.
    /// On the dropbox binding: the other side did not answer before this side's deadline, or (for a recipient that
    /// found no first message) the invitation was already used, withdrawn or expired.</summary>
    Expired = 3,

    /// <summary>Stopped by an error; see <see cref="TransferException"/>.</summary>
    Failed = 4,
}

namespace Tigress.Client.Transfers;

/// <summary>Where a transfer stands.</summary>
public enum TransferStatus
{
    /// <summary>Under way: messages are still to be sent or received.</summary>
    Active = 0,

    /// <summary>Done: the recipient holds the credential and the initiator has deleted the mailbox.</summary>
    Completed = 1,

    /// <summary>One side cancelled; see <see cref="TransferResult.CancelReason"/>.</summary>
    Cancelled = 2,

    /// <summary>The mailbox is gone. For the initiator it expired; for the recipient it expired, the sender cancelled
    /// it, or (before this device claimed it) it was already received. The relay deliberately does not say which.</summary>
    Expired = 3,

    /// <summary>Stopped by an error; see <see cref="TransferException"/>.</summary>
    Failed = 4,
}

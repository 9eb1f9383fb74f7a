using System.ComponentModel;

namespace Tigress.Client.Transfers;

/// <summary>How a transfer ended, and for the recipient of a completed one, the credential.</summary>
public sealed class TransferResult
{
    internal TransferResult(
        TransferStatus status,
        TransferRole role,
        string? format,
        byte[]? content,
        string? cancelReason,
        bool cancelledByPeer,
        bool peerSeen,
        int messagesSent,
        int messagesReceived)
    {
        Status = status;
        Role = role;
        Format = format;
        Content = content;
        CancelReason = cancelReason;
        CancelledByPeer = cancelledByPeer;
        PeerSeen = peerSeen;
        MessagesSent = messagesSent;
        MessagesReceived = messagesReceived;
    }

    /// <summary><see cref="TransferStatus.Completed"/>, <see cref="TransferStatus.Cancelled"/> or <see cref="TransferStatus.Expired"/>.</summary>
    public TransferStatus Status { get; }

    /// <summary>This device's side.</summary>
    public TransferRole Role { get; }

    /// <summary>The provisioning-information format of the transfer, once known.</summary>
    public string? Format { get; }

    /// <summary>Recipient of a completed transfer: the credential, as the vertical produced it.</summary>
    public byte[]? Content { get; }

    /// <summary>Why the transfer was cancelled, as the cancelling side put it (control characters removed).</summary>
    public string? CancelReason { get; }

    /// <summary>True when the other side cancelled; false when this side did.</summary>
    public bool CancelledByPeer { get; }

    /// <summary>Initiator: the recipient has answered at least once. Recipient: this device claimed the mailbox.
    /// A recipient's <see cref="TransferStatus.Expired"/> with this false means the share was gone before it could
    /// be claimed: already received, cancelled, or expired.</summary>
    public bool PeerSeen { get; }

    /// <summary>Messages this side wrote.</summary>
    public int MessagesSent { get; }

    /// <summary>Messages this side read from the other.</summary>
    public int MessagesReceived { get; }

    /// <summary>Names the status only; the content is secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"TransferResult({Role}, {Status})";
}

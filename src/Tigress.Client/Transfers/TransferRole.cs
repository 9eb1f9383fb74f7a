namespace Tigress.Client.Transfers;

/// <summary>Which side of a transfer this device is.</summary>
public enum TransferRole
{
    /// <summary>The sender: creates the mailbox and shares the link.</summary>
    Initiator = 0,

    /// <summary>The receiver: claims the mailbox with the link.</summary>
    Recipient = 1,
}

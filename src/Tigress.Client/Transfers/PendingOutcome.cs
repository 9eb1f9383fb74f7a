namespace Tigress.Client.Transfers;

/// <summary>What the transfer becomes once a pending request is acknowledged.</summary>
internal enum PendingOutcome
{
    /// <summary>Carry on with the exchange.</summary>
    Continue = 0,

    /// <summary>Completed (after the recipient's acknowledgement, or the initiator's delete).</summary>
    Complete = 1,

    /// <summary>Cancelled (after the cancel message, and for the initiator the delete).</summary>
    Cancel = 2,

    /// <summary>Failed (after telling the other side, or relinquishing).</summary>
    Fail = 3,
}

namespace Tigress.Client.Transfers;

/// <summary>The outcome of <see cref="ITransferChannel.TakeTurnAsync"/>.</summary>
internal enum TurnStatus
{
    /// <summary>This side may write its next message now.</summary>
    Mine = 0,

    /// <summary>This side took back its only message before anyone read it: there is nobody to tell.</summary>
    Withdrawn = 1,

    /// <summary>The other side's message was waiting; handle it first, then it is this side's turn.</summary>
    PeerMessage = 2,

    /// <summary>The other side's message was there but does not open; the exchange cannot go on, and cannot be told.</summary>
    Lost = 3,
}

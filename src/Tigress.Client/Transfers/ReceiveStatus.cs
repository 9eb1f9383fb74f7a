namespace Tigress.Client.Transfers;

/// <summary>The outcome of <see cref="ITransferChannel.ReceiveAsync"/>.</summary>
internal enum ReceiveStatus
{
    /// <summary>Nothing new yet: wait again.</summary>
    Nothing = 0,

    /// <summary>The other side's next message, opened.</summary>
    Message = 1,

    /// <summary>The share is gone: deleted or expired, or (on a first read) already taken.</summary>
    Gone = 2,

    /// <summary>The other side did not answer before this side's deadline.</summary>
    Expired = 3,

    /// <summary>Another device holds the share.</summary>
    ClaimedByOther = 4,

    /// <summary>What the server returned does not open as the expected message.</summary>
    Undecryptable = 5,

    /// <summary>Initiator: the relay says a recipient claimed the share; no message from it yet.</summary>
    PeerClaimed = 6,

    /// <summary>Initiator: the relay reported a wrong guess at the relay-assisted PIN.</summary>
    PinGuessFailed = 7,

    /// <summary>Recipient: the relay refused this device's proof of the relay-assisted PIN.</summary>
    WrongPin = 8,

    /// <summary>Recipient: the relay locked the share after too many wrong PINs.</summary>
    PinLocked = 9,
}

namespace Tigress.Client.Transfers;

/// <summary>Why a transfer failed.</summary>
public enum TransferError
{
    /// <summary>Another device claimed the share first.</summary>
    AlreadyClaimed = 1,

    /// <summary>A message did not decrypt: a wrong or damaged link, or a relay that altered, replayed or reflected a message.</summary>
    DecryptionFailed = 2,

    /// <summary>The preview the relay served differs from the sender's sealed copy (docs/protocol.md section 5.1): the relay lied.</summary>
    PreviewMismatch = 3,

    /// <summary>The vertical rejected the content, for example a signature that does not verify.</summary>
    VerificationFailed = 4,

    /// <summary>The share is in a format this device has no vertical for.</summary>
    UnsupportedFormat = 5,

    /// <summary>The other side broke the message exchange (a malformed envelope, a lost or out-of-turn message).</summary>
    ProtocolViolation = 6,

    /// <summary>The relay could not be reached, still after the retries. The transfer can be resumed later.</summary>
    RelayUnreachable = 7,

    /// <summary>The relay refused a request (rate limited, too large, its own failure). The transfer can be resumed later.</summary>
    RelayRefused = 8,

    /// <summary>
    /// A PIN share's exchange failed. For the initiator: a wrong PIN was tried, and the share was ended so nobody gets a
    /// second guess. For the recipient: the PIN was wrong (or the exchange was tampered with); the share is over.
    /// </summary>
    WrongPin = 9,

    /// <summary>The share is PIN-protected but no PIN was given; the recipient let go of its claim, so it can try again with the PIN.</summary>
    PinRequired = 10,
}

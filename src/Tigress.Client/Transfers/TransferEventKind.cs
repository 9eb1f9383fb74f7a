namespace Tigress.Client.Transfers;

/// <summary>What happened in a transfer, for progress displays.</summary>
public enum TransferEventKind
{
    /// <summary>Initiator: the relay created the mailbox; the share URL is ready to hand out.</summary>
    MailboxCreated = 0,

    /// <summary>Waiting for the other side to write.</summary>
    Waiting = 1,

    /// <summary>Initiator: the recipient answered for the first time. Recipient: this device claimed the mailbox (or
    /// took the first dropbox message).</summary>
    Claimed = 2,

    /// <summary>A message was written to the relay.</summary>
    MessageSent = 3,

    /// <summary>A message from the other side was read and opened.</summary>
    MessageReceived = 4,

    /// <summary>The transfer completed.</summary>
    Completed = 5,

    /// <summary>The transfer was cancelled, by this side or the other.</summary>
    Cancelled = 6,

    /// <summary>The mailbox is gone (expired, or for the recipient possibly cancelled or already received), or the
    /// dropbox wait reached its deadline.</summary>
    Expired = 7,

    /// <summary>The transfer failed.</summary>
    Failed = 8,

    /// <summary>A PIN share's exchange succeeded: both sides used the same PIN, and every later message is sealed under the PIN session key.</summary>
    PinMatched = 9,

    /// <summary>The relay could not be reached, or failed, while the share is live; <see cref="TransferSession.RunAsync"/>
    /// tries again at <see cref="TransferEvent.Deadline"/>. <see cref="TransferEvent.Reason"/> says what failed. The
    /// link still works.</summary>
    RelayUnavailable = 10,

    /// <summary>Initiator of a relay-assisted PIN share: a device tried a wrong PIN; <see cref="TransferEvent.GuessesLeft"/>
    /// says how many tries remain (0: the relay locked the share, which then fails).</summary>
    PinGuessFailed = 11,

    /// <summary>Initiator of a SPAKE2 PIN share: a device claimed the share but did not answer the PIN step within
    /// <see cref="TransferSessionOptions.ClaimAnswerTimeout"/>. It holds the share until it answers or the share
    /// expires; cancel and share again if the recipient says it was not them. Reported once.</summary>
    ClaimUnanswered = 12,
}

namespace Tigress.Relay.Storage;

/// <summary>What happened to a mailbox, as its event log and the Server-Sent Events stream name it (docs/protocol.md section 8).</summary>
public enum MailboxEventKind
{
    /// <summary>A recipient bound its claim by reading (<c>claimed</c>).</summary>
    Claimed = 1,

    /// <summary>A side wrote a message or changed the mailbox's settings (<c>updated</c>).</summary>
    Updated = 2,

    /// <summary>The recipient gave up its claim (<c>relinquished</c>).</summary>
    Relinquished = 3,

    /// <summary>A side deleted the mailbox (<c>deleted</c>); never stored, since the log goes with the mailbox.</summary>
    Deleted = 4,

    /// <summary>The mailbox reached its expiry (<c>expired</c>); never stored, since the log goes with the mailbox.</summary>
    Expired = 5,

    /// <summary>
    /// A claim gave a wrong proof of the relay-assisted PIN and spent a guess (<c>pin-failed</c>, docs/protocol.md
    /// section 12.6); <see cref="MailboxEvent.GuessesLeft"/> says how many remain.
    /// </summary>
    PinFailed = 6,
}

namespace Tigress.Client.Mailbox;

/// <summary>What happened to a mailbox, as the relay's event stream (docs/protocol.md section 8) and its push messages name it.</summary>
public enum MailboxEventKind
{
    /// <summary>A recipient claimed the mailbox with its first read.</summary>
    Claimed = 1,

    /// <summary>A side wrote a new message.</summary>
    Updated = 2,

    /// <summary>The bound recipient let go of its claim; the next new claim may bind.</summary>
    Relinquished = 3,

    /// <summary>A side deleted the mailbox; the stream ends.</summary>
    Deleted = 4,

    /// <summary>The mailbox reached its expiry; the stream ends.</summary>
    Expired = 5,

    /// <summary>A device gave a wrong proof of the relay-assisted PIN; <see cref="MailboxEvent.GuessesLeft"/> says how
    /// many guesses remain (0: the share is locked).</summary>
    PinFailed = 6,
}

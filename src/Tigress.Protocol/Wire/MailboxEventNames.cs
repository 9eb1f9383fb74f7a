namespace Tigress.Protocol.Wire;

/// <summary>The names events and sides have on the wire: in event streams (docs/protocol.md section 8) and in push
/// content (section 10.3), carried by <see cref="Messages.MailboxEventMessage"/>.</summary>
public static class MailboxEventNames
{
    /// <summary>A recipient bound itself to the mailbox.</summary>
    public const string Claimed = "claimed";

    /// <summary>A side wrote a message or changed a setting.</summary>
    public const string Updated = "updated";

    /// <summary>The recipient gave the mailbox up.</summary>
    public const string Relinquished = "relinquished";

    /// <summary>A side deleted the mailbox.</summary>
    public const string Deleted = "deleted";

    /// <summary>The mailbox reached its expiry.</summary>
    public const string Expired = "expired";

    /// <summary>A claim's proof of the relay-assisted PIN was wrong and spent a guess (docs/protocol.md section 12.6).</summary>
    public const string PinFailed = "pin-failed";

    /// <summary>The side that created the mailbox.</summary>
    public const string Initiator = "initiator";

    /// <summary>The side that claimed it.</summary>
    public const string Recipient = "recipient";
}

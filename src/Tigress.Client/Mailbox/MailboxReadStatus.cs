namespace Tigress.Client.Mailbox;

/// <summary>What a read of a mailbox found.</summary>
public enum MailboxReadStatus
{
    /// <summary>The other side's latest message (status 200, or 201 for a replayed read).</summary>
    Message = 0,

    /// <summary>The other side has written nothing yet (status 204).</summary>
    NoMessage = 1,

    /// <summary>Nothing new since the <c>ETag</c> given in <see cref="MailboxReadOptions.IfNoneMatch"/> (status 304).</summary>
    NotModified = 2,
}

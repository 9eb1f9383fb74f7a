namespace Tigress.Client.Mailbox;

/// <summary>
/// What the recipient may do with a mailbox (<c>mailboxConfiguration.accessRights</c>, docs/protocol.md section 7). The
/// initiator always may do everything.
/// </summary>
[Flags]
public enum MailboxAccessRights
{
    /// <summary>No rights.</summary>
    None = 0,

    /// <summary><c>R</c>: read the initiator's messages (and so claim the mailbox).</summary>
    Read = 1,

    /// <summary><c>W</c>: write messages back; every multi-round-trip vertical needs it.</summary>
    Write = 2,

    /// <summary><c>D</c>: delete the mailbox.</summary>
    Delete = 4,
}

namespace Tigress.Protocol.Wire;

/// <summary>
/// What the recipient may do with a mailbox: the <c>mailboxConfiguration.accessRights</c> letters R, W and D
/// (docs/protocol.md section 7.3), read and written by <see cref="AccessRightLetters"/>. The initiator may always do
/// everything.
/// </summary>
[Flags]
public enum MailboxAccessRights
{
    /// <summary>No right at all.</summary>
    None = 0,

    /// <summary><c>R</c>: read the initiator's messages (and so claim the mailbox).</summary>
    Read = 1,

    /// <summary><c>W</c>: write messages back; every multi-round-trip vertical needs it.</summary>
    Write = 2,

    /// <summary><c>D</c>: delete the mailbox.</summary>
    Delete = 4,
}

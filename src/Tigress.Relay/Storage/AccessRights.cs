namespace Tigress.Relay.Storage;

/// <summary>What the recipient may do with a mailbox: the <c>accessRights</c> letters R, W and D.</summary>
[Flags]
public enum AccessRights
{
    /// <summary>No right at all.</summary>
    None = 0,

    /// <summary><c>R</c>: read the initiator's messages.</summary>
    Read = 1,

    /// <summary><c>W</c>: write messages to the initiator.</summary>
    Write = 2,

    /// <summary><c>D</c>: delete the mailbox.</summary>
    Delete = 4,
}

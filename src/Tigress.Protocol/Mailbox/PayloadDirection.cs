namespace Tigress.Protocol.Mailbox;

/// <summary>
/// Which side wrote a payload; part of the additional authenticated data (docs/protocol.md section 7, P8), so a message
/// reflected back to its writer does not open.
/// </summary>
public enum PayloadDirection
{
    /// <summary>Written by the initiator for the recipient (<c>i2r</c>).</summary>
    InitiatorToRecipient = 0,

    /// <summary>Written by the recipient for the initiator (<c>r2i</c>).</summary>
    RecipientToInitiator = 1,
}

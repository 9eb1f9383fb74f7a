namespace Tigress.Protocol.Mailbox;

/// <summary>How a share is protected by a PIN: the share URL's <c>p</c> parameter (docs/protocol.md sections 3 and 12).</summary>
public enum PinProtection
{
    /// <summary>No PIN (<c>p</c> absent or <c>0</c>).</summary>
    None = 0,

    /// <summary>SPAKE2 with the initiator's device (<c>p=1</c>, docs/protocol.md section 12.3): it judges the one guess, so it
    /// must come online before the recipient gets anything.</summary>
    Spake2 = 1,

    /// <summary>The relay-assisted PIN (<c>p=2</c>, docs/protocol.md section 12.6): the relay counts guesses it cannot judge,
    /// so the recipient receives while the initiator is away.</summary>
    RelayAssisted = 2,
}

namespace Tigress.Client.Transfers;

/// <summary>Which PIN protection a share asks for (docs/security.md compares them).</summary>
public enum PinMode
{
    /// <summary>The relay-assisted PIN where the relay offers it (a mailbox relay whose capability document says
    /// <c>relayAssistedPin</c>), SPAKE2 otherwise; <see cref="TransferSession.PinProtection"/> says which was used.</summary>
    Automatic = 0,

    /// <summary>SPAKE2 with the sender's device: it must come online to judge the one guess; the relay counts nothing.</summary>
    Spake2 = 1,

    /// <summary>The relay-assisted PIN: the relay counts guesses, so the recipient receives while the sender is away.
    /// Mailbox binding only; the share fails at once on a relay that does not offer it.</summary>
    RelayAssisted = 2,
}

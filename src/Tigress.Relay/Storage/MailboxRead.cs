namespace Tigress.Relay.Storage;

/// <summary>A read (and possibly a claim) of a mailbox.</summary>
/// <param name="MailboxId">The mailbox.</param>
/// <param name="Claim">Hash of the reader's claim.</param>
/// <param name="Now">The relay's clock, for exact expiry.</param>
/// <param name="RequestId">The read's <c>Mailbox-Request-ID</c>, to find an earlier read that bound the claim.</param>
/// <param name="NotificationToken">A notification token the reader registers, as JSON, or <see langword="null"/>.</param>
public sealed record MailboxRead(Guid MailboxId, ClaimHash Claim, DateTimeOffset Now, Guid RequestId, byte[]? NotificationToken)
{
    /// <summary>The fingerprint of the read's request body (<see cref="RequestRecord.FingerprintOf"/>).</summary>
    /// <remarks>Default: that of an empty body.</remarks>
    public byte[] Fingerprint { get; init; } = RequestRecord.FingerprintOf([]);

    /// <summary>
    /// The proof of a relay-assisted PIN (docs/protocol.md section 12.6), <see cref="MailboxPinProtection.VerifierLength"/>
    /// bytes, which a claim that is not bound must give on a mailbox with <see cref="NewMailbox.PinProtection"/>; the store
    /// compares its SHA-256 with the verifier. Ignored from the initiator and the bound recipient.
    /// </summary>
    /// <remarks>Default: <see langword="null"/>, no proof.</remarks>
    public byte[]? PinProof { get; init; }
}

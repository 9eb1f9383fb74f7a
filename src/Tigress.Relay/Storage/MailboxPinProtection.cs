using System.ComponentModel;

namespace Tigress.Relay.Storage;

/// <summary>
/// What a store keeps for a mailbox protected by a relay-assisted PIN (docs/protocol.md section 12.6): the OPRF key the
/// relay evaluates with, the verifier a proof must hash to, and how many wrong proofs it still accepts.
/// </summary>
/// <param name="OprfKey">The OPRF key k, a P-256 scalar, <see cref="KeyLength"/> bytes big-endian.</param>
/// <param name="Verifier">SHA-256 of the proof key, <see cref="VerifierLength"/> bytes.</param>
/// <param name="Guesses">How many wrong proofs the mailbox accepts; the last one locks it.</param>
/// <remarks>
/// Both byte strings are secrets the relay never hands out: only an evaluation uses the key, and only the store's
/// comparison the verifier. They go with the mailbox, and with its lock.
/// </remarks>
public sealed record MailboxPinProtection(byte[] OprfKey, byte[] Verifier, int Guesses)
{
    /// <summary>The length of <see cref="OprfKey"/>.</summary>
    public const int KeyLength = 32;

    /// <summary>The length of <see cref="Verifier"/>, and of a proof.</summary>
    public const int VerifierLength = 32;

    /// <summary>Never prints the key or the verifier.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"MailboxPinProtection(redacted, {Guesses} guesses)";
}

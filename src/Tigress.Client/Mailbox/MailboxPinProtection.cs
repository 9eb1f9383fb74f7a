using System.ComponentModel;

namespace Tigress.Client.Mailbox;

/// <summary>
/// What a relay needs to count guesses at a relay-assisted PIN (docs/protocol.md section 12.6), sent once with the
/// create: the mailbox's OPRF key, the verifier of the PIN proof, and how many wrong proofs the relay accepts.
/// </summary>
public sealed class MailboxPinProtection
{
    /// <summary>Creates the protection; the caller keeps ownership of the bytes.</summary>
    /// <param name="oprfKey">The OPRF key, a 32-byte P-256 scalar; the relay never gives it back.</param>
    /// <param name="verifier">SHA-256 of the proof key, 32 bytes.</param>
    /// <param name="guesses">How many wrong proofs end the share, from 1 to the relay's maximum.</param>
    public MailboxPinProtection(ReadOnlyMemory<byte> oprfKey, ReadOnlyMemory<byte> verifier, int guesses)
    {
        OprfKey = oprfKey;
        Verifier = verifier;
        Guesses = guesses;
    }

    /// <summary>The OPRF key, a 32-byte P-256 scalar.</summary>
    public ReadOnlyMemory<byte> OprfKey { get; }

    /// <summary>SHA-256 of the proof key, 32 bytes.</summary>
    public ReadOnlyMemory<byte> Verifier { get; }

    /// <summary>How many wrong proofs end the share.</summary>
    public int Guesses { get; }

    /// <summary>Names the guess count only; the key is secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"MailboxPinProtection({Guesses} guesses)";
}

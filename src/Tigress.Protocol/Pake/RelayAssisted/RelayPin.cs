using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

/// <summary>
/// The rules of the relay-assisted PIN (docs/protocol.md section 12.6): how many digits and guesses a share may combine,
/// and the relay's check of a proof against its verifier.
/// </summary>
/// <remarks>The initiator's side is <see cref="RelayPinShare"/>, the recipient's <see cref="RelayPinGuess"/>.</remarks>
public static class RelayPin
{
    /// <summary>The number of digits of a relay-assisted PIN unless the user chooses otherwise.</summary>
    public const int DefaultDigits = 7;

    /// <summary>The number of wrong proofs a share allows unless the user chooses otherwise.</summary>
    public const int DefaultGuesses = 3;

    /// <summary>The most guesses a relay allows a share.</summary>
    public const int MaxGuesses = 10;

    /// <summary>The length of the proof a recipient sends (pinProof) and of the verifier the relay keeps.</summary>
    public const int ProofLength = 32;

    /// <summary>
    /// Whether a share may combine a PIN of <paramref name="digits"/> digits with <paramref name="guesses"/> guesses: an
    /// attacker's chance, guesses × 10^-digits, must not exceed 10^-6.
    /// </summary>
    /// <remarks>False as well for a digit count outside <see cref="Pin.MinimumLength"/> to <see cref="Pin.MaximumLength"/>, or guesses outside 1 to <see cref="MaxGuesses"/>.</remarks>
    public static bool IsAllowed(int digits, int guesses)
    {
        if (digits is < Pin.MinimumLength or > Pin.MaximumLength || guesses is < 1 or > MaxGuesses)
        {
            return false;
        }

        // guesses × 10^-digits <= 10^-6  <=>  guesses <= 10^(digits - 6); stop growing once past MaxGuesses.
        int limit = 1;
        for (int i = 6; i < digits && limit <= MaxGuesses; i++)
        {
            limit *= 10;
        }

        return guesses <= limit;
    }

    /// <summary>
    /// The relay's check: whether SHA-256(<paramref name="proof"/>) equals <paramref name="verifier"/>, compared in
    /// constant time. False for a proof or verifier of the wrong length.
    /// </summary>
    public static bool VerifyProof(ReadOnlySpan<byte> proof, ReadOnlySpan<byte> verifier)
    {
        if (proof.Length != ProofLength || verifier.Length != ProofLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[ProofLength];
        SHA256.HashData(proof, hash);
        return CryptographicOperations.FixedTimeEquals(hash, verifier);
    }
}

using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

/// <summary>
/// The recipient's side of a relay-assisted PIN share (docs/protocol.md section 12.6): the PIN, blinded, goes to the
/// relay for evaluation; the relay's answer and the link's secret give the proof to claim with and the session key.
/// </summary>
/// <remarks>An evaluation spends no guess: only a claim with a wrong proof does. The blind is cleared on <see cref="Dispose"/>.</remarks>
public sealed class RelayPinGuess : IDisposable
{
    private readonly OprfBlind _blind;

    private RelayPinGuess(OprfBlind blind) => _blind = blind;

    /// <summary>The body of the evaluation request: the blinded PIN, <see cref="P256Oprf.ElementLength"/> bytes.</summary>
    public ReadOnlySpan<byte> BlindedElement => _blind.BlindedElement;

    /// <summary>Blinds <paramref name="pin"/> with a fresh random blind.</summary>
    /// <param name="pin">The PIN as typed, already normalised (<see cref="Pin.TryNormalize(ReadOnlySpan{char}, Span{char}, out int)"/>).</param>
    /// <exception cref="ArgumentException">The PIN is not in normal form.</exception>
    public static RelayPinGuess Create(ReadOnlySpan<char> pin)
    {
        RelayPinKeySchedule.ThrowIfInvalidPin(pin, nameof(pin));
        Span<byte> input = stackalloc byte[Pin.MaximumLength];
        try
        {
            int length = RelayPinKeySchedule.WritePinBytes(pin, input);
            return new RelayPinGuess(OprfBlind.Create(input[..length]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>As <see cref="Create(ReadOnlySpan{char})"/> with a given blind, for known answers.</summary>
    internal static RelayPinGuess Create(ReadOnlySpan<char> pin, ReadOnlySpan<byte> blind)
    {
        RelayPinKeySchedule.ThrowIfInvalidPin(pin, nameof(pin));
        Span<byte> input = stackalloc byte[Pin.MaximumLength];
        try
        {
            int length = RelayPinKeySchedule.WritePinBytes(pin, input);
            return new RelayPinGuess(OprfBlind.Create(input[..length], blind));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>
    /// Unblinds the relay's <paramref name="evaluatedElement"/> and derives the proof and session key with the link's
    /// <paramref name="secret"/>. Returns <see langword="false"/> when the element is not a valid point; whether the PIN
    /// was right only the relay can tell, when it checks the proof.
    /// </summary>
    /// <exception cref="ArgumentException">The secret is not 16 or 32 bytes.</exception>
    public bool TryFinish(ReadOnlySpan<byte> evaluatedElement, ReadOnlySpan<byte> secret, [NotNullWhen(true)] out RelayPinProof? proof)
    {
        RelayPinKeySchedule.ThrowIfInvalidSecret(secret, nameof(secret));
        proof = null;

        Span<byte> y = stackalloc byte[P256Oprf.OutputLength];
        try
        {
            if (!_blind.TryFinalize(evaluatedElement, y))
            {
                return false;
            }

            proof = RelayPinProof.Derive(y, secret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(y);
        }
    }

    /// <summary>Clears the blind and the PIN.</summary>
    public void Dispose() => _blind.Dispose();

    /// <summary>Names the type only; the PIN and the blind are never printed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "RelayPinGuess(P256-SHA256)";
}

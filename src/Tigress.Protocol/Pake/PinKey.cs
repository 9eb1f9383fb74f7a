using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Pake;

//
//  The SPAKE2 password scalar w from a PIN (docs/protocol.md section 12; RFC 9382 section 3.2 leaves its derivation to the
//  application)
//
//      salt = HKDF-Expand-Label(secret, "pin salt", "", 32)             (RFC 8446 section 7.1, SHA-256)
//      wide = PBKDF2-HMAC-SHA256(UTF-8(pin), salt, Iterations, 48)       (RFC 8018 section 5.2)
//      w    = wide mod p                                                 (p: the order of P-256)
//
//      | Parameter  | Value                                                                                   |
//      | ---------- | --------------------------------------------------------------------------------------- |
//      | secret     | the share URL's secret (16 or 32 bytes) or the dropbox invitation's R (32), used as PRK |
//      | pin        | the PIN in normal form (Pin.TryNormalize): 6 to 32 ASCII digits                          |
//      | Iterations | 100 000                                                                                 |
//      | wide       | 48 bytes = 256 + 128 bits, so wide mod p is within 2^-128 of uniform (the RFC asks for   |
//      |            | at least 64 bits more than p)                                                           |
//      | w          | 32 bytes big-endian, what Spake2.CreateA and CreateB take                                |
//
//  Salting with the invitation secret makes w different for every share, so nothing computed for one share helps
//  against another, and nobody without the invitation can even start guessing.
//
//  The iteration count is not where the security comes from. A six-digit PIN has a million values; no work factor
//  makes a million guesses slow for someone who can test them offline. The PAKE is what prevents that: the protocol
//  messages reveal nothing that lets a guess be checked without running the protocol, and a run that fails ends the
//  share, so an attacker holding the whole invitation gets exactly one online guess (odds 1 in 10^6). PBKDF2 only makes
//  each of those online attempts slightly slower, and is kept as a margin for what the PAKE does not cover: if one
//  side's ephemeral scalar ever leaked together with the transcript, each candidate PIN would still cost 100 000 HMACs
//  instead of one. 100 000 iterations take tens of milliseconds on a phone, which a person entering a PIN never notices.
//

/// <summary>
/// Derives the SPAKE2 password scalar w from a PIN and the invitation's secret, so that the two sides of a PIN share
/// start <see cref="Spake2"/> from the same w.
/// </summary>
internal static class PinKey
{
    /// <summary>The PBKDF2-HMAC-SHA256 iteration count.</summary>
    /// <remarks>100 000; the PAKE, not this count, is what limits an attacker to one guess.</remarks>
    public const int Iterations = 100_000;

    /// <summary>The shortest invitation secret accepted, in bytes.</summary>
    public const int MinimumSecretLength = 16;

    // 64 bits more than the 256 of p would do; 128 more costs nothing and leaves the bias far below anything measurable.
    private const int WideLength = 48;

    private const int SaltLength = 32;

    private static ReadOnlySpan<byte> SaltLabel => "pin salt"u8;

    /// <summary>The password scalar w (<see cref="Spake2.ScalarLength"/> bytes) for <paramref name="pin"/> and the invitation's secret.</summary>
    /// <param name="pin">The PIN in normal form: ASCII digits only (see <see cref="Pin.TryNormalize(string, int, out string)"/>).</param>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R, at least <see cref="MinimumSecretLength"/> bytes.</param>
    public static byte[] DeriveScalar(ReadOnlySpan<char> pin, ReadOnlySpan<byte> invitationSecret)
    {
        byte[] w = new byte[Spake2.ScalarLength];
        DeriveScalar(pin, invitationSecret, w);
        return w;
    }

    /// <summary>Writes the password scalar w into a <see cref="Spake2.ScalarLength"/>-byte buffer.</summary>
    /// <param name="pin">The PIN in normal form: ASCII digits only (see <see cref="Pin.TryNormalize(string, int, out string)"/>).</param>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R, at least <see cref="MinimumSecretLength"/> bytes.</param>
    /// <param name="destination">Receives w; it must not overlap the secret.</param>
    public static void DeriveScalar(ReadOnlySpan<char> pin, ReadOnlySpan<byte> invitationSecret, Span<byte> destination)
    {
        if (!Pin.IsValid(pin))
        {
            throw Error.Argument_Invalid(nameof(pin), $"A PIN is {Pin.MinimumLength} to {Pin.MaximumLength} ASCII digits; normalize it with Pin.TryNormalize first.");
        }

        if (invitationSecret.Length < MinimumSecretLength)
        {
            throw Error.Argument_Invalid(nameof(invitationSecret), $"The invitation secret is at least {MinimumSecretLength} bytes.");
        }

        if (destination.Length != Spake2.ScalarLength)
        {
            throw Error.Argument_Length(nameof(destination), Spake2.ScalarLength);
        }

        if (destination.Overlaps(invitationSecret))
        {
            throw Error.Argument_Overlap(nameof(destination));
        }

        // ASCII digits are their own UTF-8 encoding, one byte each.
        Span<byte> password = stackalloc byte[Pin.MaximumLength];
        password = password[..pin.Length];
        Span<byte> salt = stackalloc byte[SaltLength];
        Span<byte> wide = stackalloc byte[WideLength];
        try
        {
            for (int i = 0; i < pin.Length; i++)
            {
                password[i] = (byte)pin[i];
            }

            TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, invitationSecret, SaltLabel, default, salt);
            Rfc2898DeriveBytes.Pbkdf2(password, salt, wide, Iterations, HashAlgorithmName.SHA256);

            // The reduction goes through a BouncyCastle BigInteger, which cannot be cleared; it lives only for this call.
            Spake2Group.ReduceScalar(wide, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            CryptographicOperations.ZeroMemory(salt);
            CryptographicOperations.ZeroMemory(wide);
        }
    }
}

using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Pake;

//
//  The PIN session key (docs/protocol.md section 12: "every later message is sealed under a key derived from both the
//  invitation secret and the SPAKE2 key")
//
//      PRK = HKDF-Extract(salt = Ke, IKM = secret)                      (RFC 5869 section 2.2, SHA-256)
//      key = HKDF-Expand-Label(PRK, "tigress pin session", "", L)      (RFC 8446 section 7.1, SHA-256)
//
//      | Parameter | Size          | Role                                                                         |
//      | --------- | ------------- | ---------------------------------------------------------------------------- |
//      | secret    | >= 16 bytes   | the share URL's secret (16 or 32 bytes) or the dropbox invitation's R (32)   |
//      | Ke        | 16 bytes      | the verified SPAKE2 shared key                                               |
//      | L         | 16..64 bytes  | 16 or 32 for the mailbox's AES-GCM, Nh (32 or 48) for a dropbox suite        |
//      | key       | L bytes       | the key that replaces the invitation secret for the rest of the share         |
//
//  Both inputs are needed: without Ke, whoever read the invitation on the insecure channel could open every later
//  message; without the secret, the key would rest on the PIN alone. Ke is the HKDF salt because it is uniformly random
//  and fixed-length, and the secret is the input keying material. The label's HkdfLabel carries L, so keys of
//  different lengths are unrelated rather than prefixes of one another. The label goes out as "tls13 tigress pin
//  session", exactly as TLS 1.3 writes every label.
//

/// <summary>
/// Derives the key that seals every message of a PIN share after SPAKE2 has succeeded, from the invitation's secret and
/// the SPAKE2 shared key. <see cref="Spake2.DeriveSessionKey(ReadOnlySpan{byte}, int)"/> calls it without exposing Ke.
/// </summary>
public static class PinSessionKey
{
    /// <summary>The shortest key this derives, in bytes.</summary>
    public const int MinimumLength = 16;

    /// <summary>The longest key this derives, in bytes.</summary>
    public const int MaximumLength = 64;

    /// <summary>The shortest invitation secret accepted, in bytes.</summary>
    public const int MinimumSecretLength = 16;

    private const int PrkLength = 32;

    private static ReadOnlySpan<byte> Label => "tigress pin session"u8;

    /// <summary>Derives a key of <paramref name="length"/> bytes from the invitation secret and the SPAKE2 shared key Ke.</summary>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R, at least <see cref="MinimumSecretLength"/> bytes.</param>
    /// <param name="sharedKey">Ke from a verified <see cref="Spake2"/> run, <see cref="Spake2.SharedKeyLength"/> bytes.</param>
    /// <param name="length">From <see cref="MinimumLength"/> to <see cref="MaximumLength"/>.</param>
    public static byte[] Derive(ReadOnlySpan<byte> invitationSecret, ReadOnlySpan<byte> sharedKey, int length)
    {
        ThrowIfInvalidLength(length, nameof(length));
        byte[] key = new byte[length];
        Derive(invitationSecret, sharedKey, key);
        return key;
    }

    /// <summary>Writes the key into <paramref name="destination"/>, whose length (16 to 64 bytes) is the key length.</summary>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R, at least <see cref="MinimumSecretLength"/> bytes.</param>
    /// <param name="sharedKey">Ke from a verified <see cref="Spake2"/> run, <see cref="Spake2.SharedKeyLength"/> bytes.</param>
    /// <param name="destination">Receives the key; it must not overlap either input.</param>
    public static void Derive(ReadOnlySpan<byte> invitationSecret, ReadOnlySpan<byte> sharedKey, Span<byte> destination)
    {
        if (invitationSecret.Length < MinimumSecretLength)
        {
            throw Error.Argument_Invalid(nameof(invitationSecret), $"The invitation secret is at least {MinimumSecretLength} bytes.");
        }

        if (sharedKey.Length != Spake2.SharedKeyLength)
        {
            throw Error.Argument_Length(nameof(sharedKey), Spake2.SharedKeyLength);
        }

        ThrowIfInvalidLength(destination.Length, nameof(destination));
        if (destination.Overlaps(invitationSecret) || destination.Overlaps(sharedKey))
        {
            throw Error.Argument_Overlap(nameof(destination));
        }

        Span<byte> prk = stackalloc byte[PrkLength];
        try
        {
            HKDF.Extract(HashAlgorithmName.SHA256, invitationSecret, sharedKey, prk);
            TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, prk, Label, default, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    internal static void ThrowIfInvalidLength(int length, string paramName)
    {
        if (length is < MinimumLength or > MaximumLength)
        {
            throw Error.Argument_Invalid(paramName, $"A PIN session key is {MinimumLength} to {MaximumLength} bytes.");
        }
    }
}

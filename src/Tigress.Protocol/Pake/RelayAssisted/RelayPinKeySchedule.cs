using System.Diagnostics;
using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Pake;

//
//  The relay-assisted PIN key schedule (docs/protocol.md section 12.6)
//
//      y        = OPRF(k, PIN)                                           RFC 9497 P256-SHA256, 32 bytes
//      PRK      = HKDF-Extract(salt = y, IKM = secret)                   RFC 5869 section 2.2, SHA-256
//      proofKey = HKDF-Expand-Label(PRK, "relay pin proof", "", 32)      RFC 8446 section 7.1, SHA-256
//      Ks       = HKDF-Expand-Label(PRK, "relay pin session", "", 32)    RFC 8446 section 7.1, SHA-256
//      verifier = SHA-256(proofKey)
//
//      | Value    | Bytes    | Who holds it                                                             |
//      | -------- | -------- | ------------------------------------------------------------------------ |
//      | secret   | 16 or 32 | the link: initiator and recipient                                        |
//      | k        | 32       | the initiator, who creates it, and the relay                             |
//      | y        | 32       | whoever knows the PIN and can get k applied to it (initiator, recipient) |
//      | proofKey | 32       | initiator and recipient; the recipient sends it as pinProof on its claim |
//      | Ks       | 32       | initiator and recipient: the section 12.5 session layer's key            |
//      | verifier | 32       | the relay, which compares SHA-256(pinProof) with it                      |
//
//  y is the salt because it is uniformly random and fixed-length (as Ke is in section 12.5); the link secret is the
//  input keying material, so neither the PIN's OPRF value nor the link alone gives the keys.
//

/// <summary>Derives the proof key and the session key of a relay-assisted PIN share from y and the link secret.</summary>
internal static class RelayPinKeySchedule
{
    /// <summary>The length of every value the schedule derives.</summary>
    public const int KeyLength = 32;

    private static ReadOnlySpan<byte> ProofLabel => "relay pin proof"u8;

    private static ReadOnlySpan<byte> SessionLabel => "relay pin session"u8;

    /// <summary>Writes proofKey and Ks derived from the OPRF output <paramref name="y"/> and the link's secret.</summary>
    public static void Derive(ReadOnlySpan<byte> y, ReadOnlySpan<byte> secret, Span<byte> proofKey, Span<byte> sessionKey)
    {
        Debug.Assert(y.Length == P256Oprf.OutputLength);
        Debug.Assert(proofKey.Length == KeyLength && sessionKey.Length == KeyLength);

        Span<byte> prk = stackalloc byte[KeyLength];
        try
        {
            HKDF.Extract(HashAlgorithmName.SHA256, secret, y, prk);
            TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, prk, ProofLabel, default, proofKey);
            TlsHkdf.ExpandLabel(HashAlgorithmName.SHA256, prk, SessionLabel, default, sessionKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    /// <summary>Writes the verifier the relay keeps: SHA-256 of the proof key.</summary>
    public static void ComputeVerifier(ReadOnlySpan<byte> proofKey, Span<byte> verifier)
    {
        Debug.Assert(verifier.Length == KeyLength);
        SHA256.HashData(proofKey, verifier);
    }

    /// <summary>Writes the PIN (normal form, already checked) as ASCII; returns the byte count.</summary>
    public static int WritePinBytes(ReadOnlySpan<char> pin, Span<byte> destination)
    {
        Debug.Assert(Pin.IsValid(pin) && destination.Length >= pin.Length);
        for (int i = 0; i < pin.Length; i++)
        {
            destination[i] = (byte)pin[i];
        }

        return pin.Length;
    }

    /// <summary>Throws unless <paramref name="secret"/> has the length of a share key.</summary>
    public static void ThrowIfInvalidSecret(ReadOnlySpan<byte> secret, string paramName)
    {
        if (secret.Length is not (16 or 32))
        {
            throw Error.Argument_KeySize(paramName, secret.Length);
        }
    }

    /// <summary>Throws unless <paramref name="pin"/> is a PIN in normal form.</summary>
    public static void ThrowIfInvalidPin(ReadOnlySpan<char> pin, string paramName)
    {
        if (!Pin.IsValid(pin))
        {
            throw Error.Argument_Invalid(paramName, $"A PIN is {Pin.MinimumLength} to {Pin.MaximumLength} ASCII digits, in normal form (see Pin.TryNormalize).");
        }
    }
}

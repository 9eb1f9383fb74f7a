using System.Diagnostics;
using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

//
//  One sealed dropbox message (draft-rescorla-tigress-http; docs/protocol.md section 11)
//
//  The Encapsulated Response construction of RFC 9458 section 4.4, with the message key K_i in place of the
//  secret exported from HPKE, and no enc in the salt (there is no HPKE encapsulation here):
//
//      response_nonce = random(max(Nn, Nk))
//      prk            = HKDF-Extract(salt = response_nonce, IKM = K_i)
//      aead_key       = HKDF-Expand(prk, "key", Nk)
//      aead_nonce     = HKDF-Expand(prk, "nonce", Nn)
//      wire           = response_nonce || AEAD-Seal(aead_key, aead_nonce, aad = "", plaintext)
//
//      | Suite  | K_i | response_nonce | tag | overhead on the wire |
//      | ------ | --- | -------------- | --- | -------------------- |
//      | 0x1301 | 32  | 16             | 16  | 32                   |
//      | 0x1302 | 48  | 32             | 16  | 48                   |
//      | 0x1303 | 32  | 32             | 16  | 48                   |
//
//  HKDF uses the suite's hash. The fresh response_nonce gives every seal its own AEAD key and nonce, so even a
//  resealed message (a retried PUT after a crash) never reuses a nonce under one key.
//

/// <summary>
/// Seals and opens the body of one HTTP dropbox message under its key K_i from <see cref="KeySchedule.DeriveKey"/>.
/// A message that fails authentication or is too short opens to <see langword="null"/>, never to an exception.
/// </summary>
internal static class EncapsulatedMessage
{
    private const int MaxHashLength = 48;
    private const int MaxKeyLength = 32;
    private const int MaxNonceLength = 32;

    /// <summary>The length of the random nonce that starts every sealed message, max(Nn, Nk).</summary>
    public static int GetResponseNonceLength(TigressSuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return Math.Max(suite.NonceLength, suite.KeyLength);
    }

    /// <summary>The size on the wire of a sealed message with <paramref name="plaintextLength"/> bytes of plaintext.</summary>
    public static int GetSealedLength(TigressSuite suite, int plaintextLength)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return checked(GetResponseNonceLength(suite) + plaintextLength + suite.TagLength);
    }

    /// <summary>Seals <paramref name="plaintext"/> under <paramref name="key"/> (K_i, <see cref="TigressSuite.HashLength"/> bytes) with a fresh random nonce.</summary>
    public static byte[] Seal(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext)
    {
        var sealedMessage = new byte[GetSealedLength(suite, plaintext.Length)];
        Seal(suite, key, plaintext, sealedMessage);
        return sealedMessage;
    }

    /// <summary>
    /// Seals <paramref name="plaintext"/> into <paramref name="destination"/>, which must be exactly
    /// <see cref="GetSealedLength"/> bytes and must not overlap the plaintext.
    /// </summary>
    public static void Seal(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(suite);
        CheckKey(suite, key);
        int nonceLength = GetResponseNonceLength(suite);
        if (destination.Length != GetSealedLength(suite, plaintext.Length))
        {
            throw Error.Argument_Length(nameof(destination), GetSealedLength(suite, plaintext.Length));
        }

        if (destination.Overlaps(plaintext))
        {
            throw Error.Argument_Overlap(nameof(destination));
        }

        Span<byte> responseNonce = destination[..nonceLength];
        RandomNumberGenerator.Fill(responseNonce);
        SealCore(suite, key, responseNonce, plaintext, destination[nonceLength..]);
    }

    /// <summary>Opens a sealed message; returns <see langword="null"/> if it is too short or fails authentication.</summary>
    public static byte[]? Open(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedMessage)
    {
        ArgumentNullException.ThrowIfNull(suite);
        CheckKey(suite, key);
        int overhead = GetSealedLength(suite, 0);
        if (sealedMessage.Length < overhead)
        {
            return null;
        }

        var plaintext = new byte[sealedMessage.Length - overhead];
        return TryOpen(suite, key, sealedMessage, plaintext, out _) ? plaintext : null;
    }

    /// <summary>
    /// Opens a sealed message into <paramref name="plaintext"/>, which must hold at least the sealed length minus
    /// the overhead; returns <see langword="false"/> if the message is too short or fails authentication.
    /// </summary>
    public static bool TryOpen(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedMessage, Span<byte> plaintext, out int bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(suite);
        CheckKey(suite, key);
        bytesWritten = 0;
        int nonceLength = GetResponseNonceLength(suite);
        int overhead = GetSealedLength(suite, 0);
        if (sealedMessage.Length < overhead)
        {
            return false;
        }

        int plaintextLength = sealedMessage.Length - overhead;
        if (plaintext.Length < plaintextLength)
        {
            throw Error.Argument_TooShort(nameof(plaintext), plaintextLength);
        }

        if (plaintext.Overlaps(sealedMessage))
        {
            throw Error.Argument_Overlap(nameof(plaintext));
        }

        Span<byte> aeadKey = stackalloc byte[MaxKeyLength];
        Span<byte> aeadNonce = stackalloc byte[MaxNonceLength];
        aeadKey = aeadKey[..suite.KeyLength];
        aeadNonce = aeadNonce[..suite.NonceLength];
        try
        {
            DeriveAeadKeyAndNonce(suite, key, sealedMessage[..nonceLength], aeadKey, aeadNonce);
            if (!suite.TryOpen(aeadKey, aeadNonce, default, sealedMessage[nonceLength..], plaintext[..plaintextLength]))
            {
                return false;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aeadKey);
        }

        bytesWritten = plaintextLength;
        return true;
    }

    /// <summary>Seals with a given response nonce; for known-answer tests only (a real seal draws it at random).</summary>
    internal static void SealWithNonce(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> responseNonce, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        CheckKey(suite, key);
        int nonceLength = GetResponseNonceLength(suite);
        if (responseNonce.Length != nonceLength)
        {
            throw Error.Argument_Length(nameof(responseNonce), nonceLength);
        }

        if (destination.Length != GetSealedLength(suite, plaintext.Length))
        {
            throw Error.Argument_Length(nameof(destination), GetSealedLength(suite, plaintext.Length));
        }

        responseNonce.CopyTo(destination);
        SealCore(suite, key, responseNonce, plaintext, destination[nonceLength..]);
    }

    /// <summary>The AEAD key and nonce of one message: HKDF-Extract with the response nonce as salt, then two expansions.</summary>
    internal static void DeriveAeadKeyAndNonce(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> responseNonce, Span<byte> aeadKey, Span<byte> aeadNonce)
    {
        Debug.Assert(key.Length == suite.HashLength);
        Debug.Assert(responseNonce.Length == GetResponseNonceLength(suite));
        Debug.Assert(aeadKey.Length == suite.KeyLength);
        Debug.Assert(aeadNonce.Length == suite.NonceLength);

        Span<byte> prk = stackalloc byte[MaxHashLength];
        prk = prk[..suite.HashLength];
        try
        {
            int written = HKDF.Extract(suite.HashAlgorithm, key, responseNonce, prk);
            Debug.Assert(written == suite.HashLength);
            HKDF.Expand(suite.HashAlgorithm, prk, aeadKey, "key"u8);
            HKDF.Expand(suite.HashAlgorithm, prk, aeadNonce, "nonce"u8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    private static void SealCore(TigressSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> responseNonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        Span<byte> aeadKey = stackalloc byte[MaxKeyLength];
        Span<byte> aeadNonce = stackalloc byte[MaxNonceLength];
        aeadKey = aeadKey[..suite.KeyLength];
        aeadNonce = aeadNonce[..suite.NonceLength];
        try
        {
            DeriveAeadKeyAndNonce(suite, key, responseNonce, aeadKey, aeadNonce);
            suite.Seal(aeadKey, aeadNonce, default, plaintext, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aeadKey);
        }
    }

    private static void CheckKey(TigressSuite suite, ReadOnlySpan<byte> key)
    {
        if (key.Length != suite.HashLength)
        {
            throw Error.Argument_Length(nameof(key), suite.HashLength);
        }
    }
}

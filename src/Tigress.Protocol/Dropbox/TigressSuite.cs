using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

//
//  The cipher suites of the HTTP dropbox binding (draft-rescorla-tigress-http; docs/protocol.md section 11)
//
//  The invitation names a TLS 1.3 cipher suite (RFC 8446 appendix B.4). The suite fixes the AEAD that seals
//  every message and the hash that drives HKDF-Expand-Label, the transcript hash and the encapsulation.
//
//      | Id     | TLS name                     | AEAD              | Hash    | Nh | Nk | Nn | tag |
//      | ------ | ---------------------------- | ----------------- | ------- | -- | -- | -- | --- |
//      | 0x1301 | TLS_AES_128_GCM_SHA256       | AES-128-GCM       | SHA-256 | 32 | 16 | 12 | 16  |
//      | 0x1302 | TLS_AES_256_GCM_SHA384       | AES-256-GCM       | SHA-384 | 48 | 32 | 12 | 16  |
//      | 0x1303 | TLS_CHACHA20_POLY1305_SHA256 | ChaCha20-Poly1305 | SHA-256 | 32 | 32 | 12 | 16  |
//
//  Sealed output is ciphertext || tag, as in TLS records and RFC 5116.
//

/// <summary>
/// A TLS 1.3 cipher suite as used by the HTTP dropbox binding: an AEAD together with the hash of its key schedule.
/// Use the shared instances such as <see cref="Default"/>; a failed <see cref="Open"/> returns <see langword="null"/>.
/// </summary>
public abstract class TigressSuite
{
    private const int TagSize = 16;
    private const int NonceSize = 12;

    private static TigressSuite? s_aes128GcmSha256;
    private static TigressSuite? s_aes256GcmSha384;
    private static TigressSuite? s_chaCha20Poly1305Sha256;

    private readonly string _name;

    private protected TigressSuite(TigressSuiteId id, string name, HashAlgorithmName hashAlgorithm, int hashLength, int keyLength)
    {
        Debug.Assert(hashLength is 32 or 48);
        Debug.Assert(keyLength is 16 or 32);

        Id = id;
        _name = name;
        HashAlgorithm = hashAlgorithm;
        HashLength = hashLength;
        KeyLength = keyLength;
    }

    /// <summary>The suite an invitation uses when the initiator does not choose one.</summary>
    /// <remarks>This is <see cref="Aes128GcmSha256"/> (0x1301).</remarks>
    public static TigressSuite Default => Aes128GcmSha256;

    /// <summary>TLS_AES_128_GCM_SHA256 (0x1301).</summary>
    public static TigressSuite Aes128GcmSha256 =>
        Volatile.Read(ref s_aes128GcmSha256) ?? CreateSingleton(ref s_aes128GcmSha256, TigressSuiteId.Aes128GcmSha256);

    /// <summary>TLS_AES_256_GCM_SHA384 (0x1302).</summary>
    public static TigressSuite Aes256GcmSha384 =>
        Volatile.Read(ref s_aes256GcmSha384) ?? CreateSingleton(ref s_aes256GcmSha384, TigressSuiteId.Aes256GcmSha384);

    /// <summary>TLS_CHACHA20_POLY1305_SHA256 (0x1303).</summary>
    public static TigressSuite ChaCha20Poly1305Sha256 =>
        Volatile.Read(ref s_chaCha20Poly1305Sha256) ?? CreateSingleton(ref s_chaCha20Poly1305Sha256, TigressSuiteId.ChaCha20Poly1305Sha256);

    /// <summary>The TLS cipher suite code point, as written (in hex) in an invitation.</summary>
    public TigressSuiteId Id { get; }

    /// <summary>The hash of the key schedule: SHA-256 or SHA-384.</summary>
    public HashAlgorithmName HashAlgorithm { get; }

    /// <summary>Nh, the output length of <see cref="HashAlgorithm"/> in bytes.</summary>
    public int HashLength { get; }

    /// <summary>Nk, the AEAD key length in bytes.</summary>
    public int KeyLength { get; }

    /// <summary>Nn, the AEAD nonce length in bytes.</summary>
    /// <remarks>12 for all three suites.</remarks>
    public int NonceLength => NonceSize;

    /// <summary>The length in bytes of the authentication tag that <see cref="Seal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> appends.</summary>
    /// <remarks>16 for all three suites.</remarks>
    public int TagLength => TagSize;

    /// <summary>The suite with the given code point.</summary>
    /// <exception cref="TigressProtocolException">The code point is not one of the three suites (<see cref="ProtocolErrorCodes.UnsupportedAlgorithm"/>).</exception>
    public static TigressSuite FromId(TigressSuiteId id)
    {
        if (!TryFromId(id, out TigressSuite? suite))
        {
            Error.ThrowProtocol(ProtocolErrorCodes.UnsupportedAlgorithm, "The cipher suite is not one of 1301, 1302 or 1303.");
        }

        return suite;
    }

    /// <summary>Looks up the suite with the given code point; returns <see langword="false"/> for any other value.</summary>
    public static bool TryFromId(TigressSuiteId id, [NotNullWhen(true)] out TigressSuite? suite)
    {
        suite = id switch
        {
            TigressSuiteId.Aes128GcmSha256 => Aes128GcmSha256,
            TigressSuiteId.Aes256GcmSha384 => Aes256GcmSha384,
            TigressSuiteId.ChaCha20Poly1305Sha256 => ChaCha20Poly1305Sha256,
            _ => null,
        };
        return suite is not null;
    }

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>, returning ciphertext followed by the tag.</summary>
    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext)
    {
        var ciphertext = new byte[checked(plaintext.Length + TagSize)];
        Seal(key, nonce, associatedData, plaintext, ciphertext);
        return ciphertext;
    }

    /// <summary>
    /// Encrypts and authenticates <paramref name="plaintext"/> into <paramref name="ciphertext"/>, which must be exactly
    /// <see cref="TagLength"/> bytes longer than the plaintext and must not overlap it.
    /// </summary>
    public void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext)
    {
        CheckKeyAndNonce(key, nonce);
        if (ciphertext.Length != checked(plaintext.Length + TagSize))
        {
            throw Error.Argument_Length(nameof(ciphertext), checked(plaintext.Length + TagSize));
        }

        if (ciphertext.Overlaps(plaintext))
        {
            throw Error.Argument_Overlap(nameof(ciphertext));
        }

        SealCore(key, nonce, associatedData, plaintext, ciphertext[..plaintext.Length], ciphertext[plaintext.Length..]);
    }

    /// <summary>
    /// Verifies and decrypts ciphertext followed by its tag. Returns <see langword="null"/> when the input is shorter
    /// than a tag or fails authentication.
    /// </summary>
    public byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext)
    {
        CheckKeyAndNonce(key, nonce);
        if (ciphertext.Length < TagSize)
        {
            return null;
        }

        var plaintext = new byte[ciphertext.Length - TagSize];
        return TryOpen(key, nonce, associatedData, ciphertext, plaintext) ? plaintext : null;
    }

    /// <summary>
    /// Verifies and decrypts ciphertext followed by its tag into <paramref name="plaintext"/>, which must be exactly
    /// <see cref="TagLength"/> bytes shorter than the input. Returns <see langword="false"/> when the input is shorter
    /// than a tag or fails authentication; the destination is then cleared.
    /// </summary>
    public bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        CheckKeyAndNonce(key, nonce);
        if (ciphertext.Length < TagSize)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }

        if (plaintext.Length != ciphertext.Length - TagSize)
        {
            throw Error.Argument_Length(nameof(plaintext), ciphertext.Length - TagSize);
        }

        if (plaintext.Overlaps(ciphertext))
        {
            throw Error.Argument_Overlap(nameof(plaintext));
        }

        int split = ciphertext.Length - TagSize;
        if (OpenCore(key, nonce, associatedData, ciphertext[..split], ciphertext[split..], plaintext))
        {
            return true;
        }

        // Never hand out unauthenticated plaintext, whatever the backend left in the buffer.
        CryptographicOperations.ZeroMemory(plaintext);
        return false;
    }

    /// <summary>The TLS name of the suite, for example <c>TLS_AES_128_GCM_SHA256</c>.</summary>
    public override string ToString() => _name;

    /// <summary>Encrypts into <paramref name="ciphertext"/> (same length as the plaintext) and writes the tag.</summary>
    private protected abstract void SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag);

    /// <summary>Decrypts and verifies; returns <see langword="false"/> on an authentication failure.</summary>
    private protected abstract bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext);

    /// <summary>Checks the AEAD constants against the platform; throws <see cref="PlatformNotSupportedException"/> if the backend cannot provide the suite.</summary>
    private protected abstract void SelfTestCore();

    private static TigressSuite CreateSingleton(ref TigressSuite? field, TigressSuiteId id)
    {
        TigressSuite suite = id switch
        {
            TigressSuiteId.Aes128GcmSha256 => new AesGcmSuite(id, "TLS_AES_128_GCM_SHA256", HashAlgorithmName.SHA256, hashLength: 32, keyLength: 16),
            TigressSuiteId.Aes256GcmSha384 => new AesGcmSuite(id, "TLS_AES_256_GCM_SHA384", HashAlgorithmName.SHA384, hashLength: 48, keyLength: 32),
            TigressSuiteId.ChaCha20Poly1305Sha256 => new ChaCha20Poly1305Suite(id, "TLS_CHACHA20_POLY1305_SHA256", HashAlgorithmName.SHA256, hashLength: 32),
            _ => throw new UnreachableException(),
        };
        suite.SelfTest();
        return Interlocked.CompareExchange(ref field, suite, null) ?? suite;
    }

    private void SelfTest()
    {
        // The lengths above are constants of the TLS registry; make sure the backend agrees before anyone derives keys.
        Span<byte> digest = stackalloc byte[64];
        int digestLength = CryptographicOperations.HashData(HashAlgorithm, ReadOnlySpan<byte>.Empty, digest);
        if (digestLength != HashLength)
        {
            throw new CryptographicException($"{_name}: the platform's {HashAlgorithm.Name} does not produce {HashLength} bytes.");
        }

        SelfTestCore();
    }

    private void CheckKeyAndNonce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeyLength)
        {
            throw Error.Argument_Length(nameof(key), KeyLength);
        }

        if (nonce.Length != NonceSize)
        {
            throw Error.Argument_Length(nameof(nonce), NonceSize);
        }
    }
}

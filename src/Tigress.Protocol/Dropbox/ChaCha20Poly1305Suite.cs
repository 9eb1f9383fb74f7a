using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

/// <summary>TLS_CHACHA20_POLY1305_SHA256 on the platform's <see cref="ChaCha20Poly1305"/> (RFC 8439).</summary>
internal sealed class ChaCha20Poly1305Suite : TigressSuite
{
    public ChaCha20Poly1305Suite(TigressSuiteId id, string name, HashAlgorithmName hashAlgorithm, int hashLength)
        : base(id, name, hashAlgorithm, hashLength, keyLength: 32)
    {
    }

    private protected override void SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        using var aead = new ChaCha20Poly1305(key);
        aead.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    private protected override bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        using var aead = new ChaCha20Poly1305(key);
        try
        {
            aead.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private protected override void SelfTestCore()
    {
        // RFC 8439 fixes a 12-byte nonce and a 16-byte tag; the platform type has no other sizes, only availability.
        if (!ChaCha20Poly1305.IsSupported)
        {
            throw new PlatformNotSupportedException($"{this} needs ChaCha20-Poly1305, which this platform's cryptography library does not offer.");
        }
    }
}

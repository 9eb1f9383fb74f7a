using System.Security.Cryptography;

namespace Tigress.Protocol.Dropbox;

/// <summary>TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384 on the platform's <see cref="AesGcm"/>.</summary>
internal sealed class AesGcmSuite : TigressSuite
{
    public AesGcmSuite(TigressSuiteId id, string name, HashAlgorithmName hashAlgorithm, int hashLength, int keyLength)
        : base(id, name, hashAlgorithm, hashLength, keyLength)
    {
    }

    private protected override void SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    private protected override bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        using var aes = new AesGcm(key, TagLength);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private protected override void SelfTestCore()
    {
        if (!AesGcm.IsSupported
            || !IsLegal(AesGcm.NonceByteSizes, NonceLength)
            || !IsLegal(AesGcm.TagByteSizes, TagLength))
        {
            throw new PlatformNotSupportedException($"{this} needs AES-GCM with {NonceLength}-byte nonces and {TagLength}-byte tags.");
        }
    }

    private static bool IsLegal(KeySizes sizes, int size) =>
        size >= sizes.MinSize && size <= sizes.MaxSize && (sizes.SkipSize == 0 ? size == sizes.MinSize : (size - sizes.MinSize) % sizes.SkipSize == 0);
}

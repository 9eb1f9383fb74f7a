using System.Security.Cryptography;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// AES-GCM with the sizes every mailbox payload uses (12-byte IV, 16-byte tag), on the platform's
/// implementation. The sizes are checked against the backend once, at first use.
/// </summary>
internal static class AesGcmCore
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    static AesGcmCore() => SelfTest();

    public static void Seal(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData,
        Span<byte> ciphertext,
        Span<byte> tag)
    {
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    public static bool TryOpen(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag,
        ReadOnlySpan<byte> associatedData,
        Span<byte> plaintext)
    {
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // The platform already zeroes the output on a tag mismatch; clear again so no caller ever
            // depends on that detail.
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
    }

    private static void SelfTest()
    {
        if (!AesGcm.IsSupported)
        {
            throw new PlatformNotSupportedException("AES-GCM is not available on this platform.");
        }

        if (!AesGcm.NonceByteSizes.IsLegalSize(NonceSize) || !AesGcm.TagByteSizes.IsLegalSize(TagSize))
        {
            throw new PlatformNotSupportedException("The platform's AES-GCM does not offer a 12-byte IV and a 16-byte tag.");
        }
    }

    private static bool IsLegalSize(this KeySizes sizes, int size) =>
        size >= sizes.MinSize && size <= sizes.MaxSize
        && (sizes.SkipSize == 0 ? size == sizes.MinSize : (size - sizes.MinSize) % sizes.SkipSize == 0);
}

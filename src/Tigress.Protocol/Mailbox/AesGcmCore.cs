using System.Security.Cryptography;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// The library's one AES-GCM: the sizes every mailbox payload, PIN session and TLS AES-GCM dropbox suite uses (12-byte
/// IV, 16-byte tag), on the platform's implementation. The sizes are checked against the backend once, at first use.
/// Output buffers are cleared on every failure.
/// </summary>
internal static class AesGcmCore
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    static AesGcmCore() => EnsureSupported();

    public static void Seal(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData,
        Span<byte> ciphertext,
        Span<byte> tag)
    {
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
        catch
        {
            // Whatever failed, no half-written output leaves this method.
            CryptographicOperations.ZeroMemory(ciphertext);
            CryptographicOperations.ZeroMemory(tag);
            throw;
        }
    }

    public static bool TryOpen(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag,
        ReadOnlySpan<byte> associatedData,
        Span<byte> plaintext)
    {
        var opened = false;
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            opened = true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // A normal result: cleared below.
        }
        finally
        {
            // On a tag mismatch and on any other failure, never hand out unauthenticated plaintext, whatever the
            // platform left in the buffer.
            if (!opened)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        return opened;
    }

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> when the platform's AES-GCM lacks these sizes.</summary>
    public static void EnsureSupported()
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

using System.Diagnostics;
using System.Security.Cryptography;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Dropbox;

/// <summary>TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384 on <see cref="AesGcmCore"/>, the library's one AES-GCM.</summary>
internal sealed class AesGcmSuite : TigressSuite
{
    public AesGcmSuite(TigressSuiteId id, string name, HashAlgorithmName hashAlgorithm, int hashLength, int keyLength)
        : base(id, name, hashAlgorithm, hashLength, keyLength)
    {
        Debug.Assert(NonceLength == AesGcmCore.NonceSize && TagLength == AesGcmCore.TagSize, "TLS AES-GCM suites use 12-byte nonces and 16-byte tags.");
    }

    private protected override void SealCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag) =>
        AesGcmCore.Seal(key, nonce, plaintext, associatedData, ciphertext, tag);

    private protected override bool OpenCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext) =>
        AesGcmCore.TryOpen(key, nonce, ciphertext, tag, associatedData, plaintext);

    // AesGcmCore checks the platform once, at first use.
    private protected override void SelfTestCore() => AesGcmCore.EnsureSupported();
}

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// The authenticated ciphers a mailbox payload may name in its <c>type</c> field (docs/protocol.md section 7).
/// </summary>
public enum PayloadAlgorithm
{
    /// <summary><c>AEAD_AES_128_GCM</c>: AES-GCM with a 16-byte key, 12-byte IV and 16-byte tag.</summary>
    Aes128Gcm = 1,

    /// <summary><c>AEAD_AES_256_GCM</c>: AES-GCM with a 32-byte key, 12-byte IV and 16-byte tag.</summary>
    Aes256Gcm = 2,
}

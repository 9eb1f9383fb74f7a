namespace Tigress.Relay.Storage;

/// <summary>The AEAD a payload is sealed with; the relay only checks the name and the framing.</summary>
public enum PayloadCipher
{
    /// <summary><c>AEAD_AES_128_GCM</c>.</summary>
    Aes128Gcm = 1,

    /// <summary><c>AEAD_AES_256_GCM</c>.</summary>
    Aes256Gcm = 2,
}

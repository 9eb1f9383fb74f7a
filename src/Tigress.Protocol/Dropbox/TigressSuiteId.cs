namespace Tigress.Protocol.Dropbox;

/// <summary>
/// The TLS 1.3 cipher suite identifiers an HTTP dropbox invitation may name in its <c>s</c> parameter.
/// The numeric values are the IANA TLS cipher suite code points and appear on the wire as four hex digits.
/// </summary>
public enum TigressSuiteId : ushort
{
    /// <summary>TLS_AES_128_GCM_SHA256 (0x1301): AES-128-GCM with SHA-256; the default.</summary>
    Aes128GcmSha256 = 0x1301,

    /// <summary>TLS_AES_256_GCM_SHA384 (0x1302): AES-256-GCM with SHA-384.</summary>
    Aes256GcmSha384 = 0x1302,

    /// <summary>TLS_CHACHA20_POLY1305_SHA256 (0x1303): ChaCha20-Poly1305 with SHA-256.</summary>
    ChaCha20Poly1305Sha256 = 0x1303,
}

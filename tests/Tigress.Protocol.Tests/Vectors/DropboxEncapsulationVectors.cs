using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// Known answers for one encapsulated dropbox message (docs/protocol.md section 11, after RFC 9458 section 4.4), computed
/// once with the independent Python below and never with the code under test.
/// </summary>
/// <remarks>
/// The key is K_0 of <see cref="DropboxKeyScheduleVectors"/> for each suite, the response nonce is c0 c1 ... of
/// max(Nn, Nk) bytes, and the plaintext is the encoding of P0 (random a0..af, id 0, "hello"). The AEAD key and nonce
/// need only the standard library; the full wire additionally uses the <c>cryptography</c> package for the AEADs.
/// <code>
/// import hashlib, hmac
/// from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
///
/// def hkdf_expand(h, prk, info, n):
///     out, t, i = b"", b"", 1
///     while len(out) &lt; n:
///         t = hmac.new(prk, t + info + bytes([i]), h).digest()
///         out, i = out + t, i + 1
///     return out[:n]
///
/// plaintext = bytes([16]) + bytes(range(0xa0, 0xb0)) + (0).to_bytes(2, "big") + (5).to_bytes(4, "big") + b"hello"
/// k256 = "2d44da88fcb3980cbdce2c2b5fd6f7b75f0f46b12058bf7864f33afcae467c27"
/// k384 = ("1e0e519db8daea1c84a992347df78bed51af30449b72db0c0d6bf577"
///         "4bef1ad2e5c9802f51cc443594be23f258ba9ba6")
/// suites = [("1301", hashlib.sha256, 16, AESGCM, k256),
///           ("1302", hashlib.sha384, 32, AESGCM, k384),
///           ("1303", hashlib.sha256, 32, ChaCha20Poly1305, k256)]
/// for name, h, nk, aead, k in suites:
///     response_nonce = bytes(range(0xc0, 0xc0 + max(12, nk)))
///     prk = hmac.new(response_nonce, bytes.fromhex(k), h).digest()        # HKDF-Extract(salt, IKM)
///     key = hkdf_expand(h, prk, b"key", nk)
///     nonce = hkdf_expand(h, prk, b"nonce", 12)
///     wire = response_nonce + aead(key).encrypt(nonce, plaintext, b"")
///     print(name, response_nonce.hex(), key.hex(), nonce.hex(), wire.hex())
/// </code>
/// </remarks>
public static class DropboxEncapsulationVectors
{
    /// <summary>The plaintext of every row: the encoding of P0.</summary>
    public const string Plaintext = "10a0a1a2a3a4a5a6a7a8a9aaabacadaeaf00000000000568656c6c6f";

    /// <summary>(suite, K_0, response nonce, AEAD key, AEAD nonce, wire).</summary>
    public static TheoryData<TigressSuiteId, string, string, string, string, string> Messages { get; } = new()
    {
        {
            TigressSuiteId.Aes128GcmSha256,
            "2d44da88fcb3980cbdce2c2b5fd6f7b75f0f46b12058bf7864f33afcae467c27",
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
            "76b7bfcf4e2f95e68c88e1fbdd569ee7",
            "79470fea495906b0e6610d3c",
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf" +
            "4835e2bca425f58499dfbe0f26ee849995f325fd26b45be6469cbfbd" +
            "192c255fc2aab8d56e57226b14e2d4cc"
        },
        {
            TigressSuiteId.Aes256GcmSha384,
            "1e0e519db8daea1c84a992347df78bed51af30449b72db0c0d6bf5774bef1ad2e5c9802f51cc443594be23f258ba9ba6",
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf",
            "83b43a91c460a047bc5fb82a27045dad8f651c21456f39bed180605d021b5c54",
            "93087c7aa8ad76e3bf521fd3",
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf" +
            "0a0a8963914c8a464e8b3ff91b4b537c3456510c1660ea5e7635942a" +
            "825bfa2352fe312cac67523ee3ee450f"
        },
        {
            TigressSuiteId.ChaCha20Poly1305Sha256,
            "2d44da88fcb3980cbdce2c2b5fd6f7b75f0f46b12058bf7864f33afcae467c27",
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf",
            "9028f62ccc429db7ff4c511e6eb730f7a4e249d25944dd70b84e48576d457f54",
            "85f6b06585a015e24316541a",
            "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf" +
            "323717984b1c09f732a501c58d657986d819ec7fea8626c22d1adb1e" +
            "eddbed354b3f13df03548bfbc1336497"
        },
    };
}

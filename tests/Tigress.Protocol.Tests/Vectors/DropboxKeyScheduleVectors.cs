using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Tests.Vectors;

/// <summary>
/// Fixed-R known answers for the dropbox key schedule (docs/protocol.md section 11), computed once with the independent
/// Python below (standard library only) and never with the code under test.
/// </summary>
/// <remarks>
/// R is the 32 bytes 00 01 ... 1f. The transcript is built from three plaintexts:
/// P0 = random a0..af, id 0, "hello"; P1 = random b0..bf, id 1, "world"; P2 = no random, id 2, "done".
/// Row i gives U_i and K_i for T_i = P0 || ... || P(i-1). Suites 1301 and 1303 share SHA-256, so their rows agree.
/// <code>
/// import base64, hashlib, hmac
///
/// def hkdf_expand(h, prk, info, n):
///     out, t, i = b"", b"", 1
///     while len(out) &lt; n:
///         t = hmac.new(prk, t + info + bytes([i]), h).digest()
///         out, i = out + t, i + 1
///     return out[:n]
///
/// def expand_label(h, secret, label, context, n):
///     full = b"tls13 " + label
///     info = n.to_bytes(2, "big") + bytes([len(full)]) + full + bytes([len(context)]) + context
///     return hkdf_expand(h, secret, info, n)
///
/// def plaintext(random, message_id, message):
///     return bytes([len(random)]) + random + message_id.to_bytes(2, "big") + len(message).to_bytes(4, "big") + message
///
/// R = bytes(range(32))
/// P = [plaintext(bytes(range(0xa0, 0xb0)), 0, b"hello"),
///      plaintext(bytes(range(0xb0, 0xc0)), 1, b"world"),
///      plaintext(b"", 2, b"done")]
/// for name, h in (("SHA-256", hashlib.sha256), ("SHA-384", hashlib.sha384)):
///     for i in range(3):
///         th = h(b"".join(P[:i])).digest()
///         u = base64.urlsafe_b64encode(expand_label(h, R, b"Location", th, 32)).rstrip(b"=").decode()
///         k = expand_label(h, R, b"Key", th, h().digest_size).hex()
///         print(name, i, u, k)
/// </code>
/// </remarks>
public static class DropboxKeyScheduleVectors
{
    /// <summary>R for every row.</summary>
    public const string Secret = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    /// <summary>The plaintexts P0, P1, P2 of the transcript, as (random, message id, ASCII message).</summary>
    public static IReadOnlyList<(string Random, ushort MessageId, string Message)> Plaintexts { get; } =
    [
        ("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", 0, "hello"),
        ("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf", 1, "world"),
        ("", 2, "done"),
    ];

    /// <summary>(suite, message index i, U_i, K_i in hex).</summary>
    public static TheoryData<TigressSuiteId, int, string, string> LocationsAndKeys { get; } = new()
    {
        { TigressSuiteId.Aes128GcmSha256, 0, "jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIw", "2d44da88fcb3980cbdce2c2b5fd6f7b75f0f46b12058bf7864f33afcae467c27" },
        { TigressSuiteId.Aes128GcmSha256, 1, "gB1e7jd3VteZD3CmiGCjPaYlgbo_PTUaPTwL-OGpPS4", "2e084c7293394a71559cdf312ad039576d973c2a86724fafb714ec4be335a363" },
        { TigressSuiteId.Aes128GcmSha256, 2, "cpgh4tLRajEv3M_zl9ku1rxgdAfvU2dUCcSZrK2CBgM", "648e353d12718670513e1b5f61f0397a62dadb99b4ff0baf35efccdcfb784d90" },
        { TigressSuiteId.ChaCha20Poly1305Sha256, 0, "jt5L8DcIkMcYXwpluHci4Ndh0ddwFl-IzfbUMSU_SIw", "2d44da88fcb3980cbdce2c2b5fd6f7b75f0f46b12058bf7864f33afcae467c27" },
        { TigressSuiteId.ChaCha20Poly1305Sha256, 1, "gB1e7jd3VteZD3CmiGCjPaYlgbo_PTUaPTwL-OGpPS4", "2e084c7293394a71559cdf312ad039576d973c2a86724fafb714ec4be335a363" },
        { TigressSuiteId.ChaCha20Poly1305Sha256, 2, "cpgh4tLRajEv3M_zl9ku1rxgdAfvU2dUCcSZrK2CBgM", "648e353d12718670513e1b5f61f0397a62dadb99b4ff0baf35efccdcfb784d90" },
        {
            TigressSuiteId.Aes256GcmSha384, 0, "uXkKBml_BDdd1eWcQ7r1j7JxBQs5XLrgxUeHZdXpurs",
            "1e0e519db8daea1c84a992347df78bed51af30449b72db0c0d6bf5774bef1ad2e5c9802f51cc443594be23f258ba9ba6"
        },
        {
            TigressSuiteId.Aes256GcmSha384, 1, "acHE7D-EOdQhg2vw-EK6V5mWkeFxu_akrtd9aI6B0Y0",
            "715728ac4c7af7692575bce914137c73b109984744a6725493fad6ed83519d1c0e2b91f5db23f7b8c8b16460b584e49f"
        },
        {
            TigressSuiteId.Aes256GcmSha384, 2, "_sXkNGWgjU-woAazeZj2kcNOVYvPaJ5PTf9I0EjdAMA",
            "c2028656d93f710b405e9e38d6e95c26f4ffea2803883a9082c1a9ff2dfa6f4ca353f783c30ce70220c897211d2bb9ec"
        },
    };
}

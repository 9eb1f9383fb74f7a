using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Mailbox;

public sealed class AesGcmKnownAnswerTests
{
    [Theory]
    [MemberData(nameof(AesGcmVectors.Aes128), MemberType = typeof(AesGcmVectors))]
    public void Seal_Aes128Vector_MatchesCiphertextAndTag(string source, string key, string iv, string plaintext, string aad, string ciphertext, string tag) =>
        AssertSealMatches(PayloadAlgorithm.Aes128Gcm, source, key, iv, plaintext, aad, ciphertext, tag);

    [Theory]
    [MemberData(nameof(AesGcmVectors.Aes256), MemberType = typeof(AesGcmVectors))]
    public void Seal_Aes256Vector_MatchesCiphertextAndTag(string source, string key, string iv, string plaintext, string aad, string ciphertext, string tag) =>
        AssertSealMatches(PayloadAlgorithm.Aes256Gcm, source, key, iv, plaintext, aad, ciphertext, tag);

    [Theory]
    [MemberData(nameof(AesGcmVectors.Aes128), MemberType = typeof(AesGcmVectors))]
    [MemberData(nameof(AesGcmVectors.Aes256), MemberType = typeof(AesGcmVectors))]
    public void Open_Vector_RecoversPlaintext(string source, string key, string iv, string plaintext, string aad, string ciphertext, string tag)
    {
        var payload = FromVector(key, iv, ciphertext, tag);
        var output = new byte[payload.PlaintextLength];

        var opened = payload.OpenCore(Convert.FromHexString(key), Convert.FromHexString(aad), output);

        Assert.True(opened, source);
        Assert.Equal(plaintext, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(AesGcmVectors.Aes128), MemberType = typeof(AesGcmVectors))]
    [MemberData(nameof(AesGcmVectors.Aes256), MemberType = typeof(AesGcmVectors))]
    public void Open_VectorWithFlippedTagBit_Fails(string source, string key, string iv, string plaintext, string aad, string ciphertext, string tag)
    {
        var tagBytes = Convert.FromHexString(tag);
        tagBytes[^1] ^= 0x01;
        var payload = FromVector(key, iv, ciphertext, Convert.ToHexString(tagBytes));
        var output = new byte[plaintext.Length / 2];

        Assert.False(payload.OpenCore(Convert.FromHexString(key), Convert.FromHexString(aad), output), source);
    }

    private static void AssertSealMatches(
        PayloadAlgorithm algorithm, string source, string key, string iv, string plaintext, string aad, string ciphertext, string tag)
    {
        var payload = SecurePayload.SealCore(
            algorithm,
            Convert.FromHexString(key),
            Convert.FromHexString(iv),
            Convert.FromHexString(aad),
            Convert.FromHexString(plaintext));

        Assert.True(iv + ciphertext + tag == Convert.ToHexStringLower(payload.Data.Span), source);
    }

    private static SecurePayload FromVector(string key, string iv, string ciphertext, string tag)
    {
        var algorithm = key.Length == 32 ? PayloadAlgorithm.Aes128Gcm : PayloadAlgorithm.Aes256Gcm;
        return SecurePayload.Create(algorithm, Convert.FromHexString(iv + ciphertext + tag));
    }
}

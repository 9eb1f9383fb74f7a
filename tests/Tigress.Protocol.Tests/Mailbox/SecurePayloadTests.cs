using System.Security.Cryptography;
using System.Text.Json;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Tests.Mailbox;

public sealed class SecurePayloadTests
{
    public static TheoryData<PayloadAlgorithm> Algorithms => new() { PayloadAlgorithm.Aes128Gcm, PayloadAlgorithm.Aes256Gcm };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Seal_ThenOpen_RoundTripsEveryLength(PayloadAlgorithm algorithm)
    {
        using var key = ShareKey.Generate(algorithm);
        for (var length = 0; length <= 300; length += 7)
        {
            var plaintext = RandomNumberGenerator.GetBytes(length);

            var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, length, plaintext);

            Assert.Equal(algorithm, payload.Algorithm);
            Assert.Equal(length + SecurePayload.Overhead, payload.Data.Length);
            Assert.Equal(plaintext, payload.Open(key, PayloadDirection.InitiatorToRecipient, length));
        }
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesFreshIv()
    {
        using var key = ShareKey.Generate();
        var plaintext = "same"u8.ToArray();

        var first = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, plaintext);
        var second = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, plaintext);

        Assert.NotEqual(first.Data[..SecurePayload.NonceSize].ToArray(), second.Data[..SecurePayload.NonceSize].ToArray());
        Assert.NotEqual(first.Data.ToArray(), second.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void TryOpen_WrongKey_Fails(PayloadAlgorithm algorithm)
    {
        using var key = ShareKey.Generate(algorithm);
        using var other = ShareKey.Generate(algorithm);
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "token"u8);

        Assert.False(payload.TryOpen(other, PayloadDirection.InitiatorToRecipient, 0, out byte[]? plaintext));
        Assert.Null(plaintext);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void TryOpen_AnyFlippedBit_Fails(PayloadAlgorithm algorithm)
    {
        using var key = ShareKey.Generate(algorithm);
        var payload = SecurePayload.Seal(key, PayloadDirection.RecipientToInitiator, 3, "a credential"u8);
        var data = payload.Data.ToArray();

        // Every byte of IV, ciphertext and tag, each with a different bit flipped.
        for (var i = 0; i < data.Length; i++)
        {
            var tampered = (byte[])data.Clone();
            tampered[i] ^= (byte)(1 << (i % 8));
            var copy = SecurePayload.Create(algorithm, tampered);

            Assert.False(copy.TryOpen(key, PayloadDirection.RecipientToInitiator, 3, out byte[]? _), $"byte {i}");
        }
    }

    [Fact]
    public void TryOpen_Truncated_Fails()
    {
        using var key = ShareKey.Generate();
        var data = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "a credential"u8).Data.ToArray();

        var truncated = SecurePayload.Create(PayloadAlgorithm.Aes128Gcm, data.AsSpan(0, data.Length - 1));

        Assert.False(truncated.TryOpen(key, PayloadDirection.InitiatorToRecipient, 0, out byte[]? _));
    }

    [Fact]
    public void TryOpen_ReflectedToItsWriter_Fails()
    {
        using var key = ShareKey.Generate();
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);

        Assert.False(payload.TryOpen(key, PayloadDirection.RecipientToInitiator, 0, out byte[]? _));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(0, 10)]
    public void TryOpen_ReplayedOrReordered_Fails(int sealedAs, int expected)
    {
        using var key = ShareKey.Generate();
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, sealedAs, "hello"u8);

        Assert.False(payload.TryOpen(key, PayloadDirection.InitiatorToRecipient, expected, out byte[]? _));
    }

    [Fact]
    public void TryOpen_TypeRewrittenToOtherKeySize_Fails()
    {
        using var key = ShareKey.Generate(PayloadAlgorithm.Aes128Gcm);
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);

        var rewritten = SecurePayload.Parse(PayloadAlgorithms.Aes256GcmName, payload.ToBase64());

        Assert.False(rewritten.TryOpen(key, PayloadDirection.InitiatorToRecipient, 0, out byte[]? _));
    }

    [Fact]
    public void Open_Failure_ThrowsDecryptionFailed()
    {
        using var key = ShareKey.Generate();
        using var other = ShareKey.Generate();
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);

        var exception = Assert.Throws<TigressProtocolException>(() => payload.Open(other, PayloadDirection.InitiatorToRecipient, 0));

        Assert.Equal(ProtocolErrorCodes.DecryptionFailed, exception.ErrorCode);
    }

    [Fact]
    public void TryOpen_SpanOverload_WritesPlaintextLength()
    {
        using var key = ShareKey.Generate();
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);
        var buffer = new byte[64];

        Assert.True(payload.TryOpen(key, PayloadDirection.InitiatorToRecipient, 0, buffer, out var written));
        Assert.Equal("hello"u8.ToArray(), buffer[..written]);
    }

    [Fact]
    public void TryOpen_DestinationTooSmall_ThrowsArgumentException()
    {
        using var key = ShareKey.Generate();
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);

        var exception = Assert.Throws<ArgumentException>(() => payload.TryOpen(key, PayloadDirection.InitiatorToRecipient, 0, new byte[4], out _));

        Assert.Equal("plaintext", exception.ParamName);
    }

    [Fact]
    public void Seal_NegativeSequence_ThrowsArgumentOutOfRange()
    {
        using var key = ShareKey.Generate();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, -1, "x"u8));

        Assert.Equal("sequence", exception.ParamName);
    }

    [Fact]
    public void Seal_UndefinedDirection_ThrowsArgumentOutOfRange()
    {
        using var key = ShareKey.Generate();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SecurePayload.Seal(key, (PayloadDirection)7, 0, "x"u8));

        Assert.Equal("direction", exception.ParamName);
    }

    [Fact]
    public void Seal_NullKey_ThrowsArgumentNull()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => SecurePayload.Seal(null!, PayloadDirection.InitiatorToRecipient, 0, "x"u8));

        Assert.Equal("key", exception.ParamName);
    }

    [Theory]
    [InlineData("AEAD_CHACHA20_POLY1305", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ProtocolErrorCodes.UnsupportedAlgorithm)]
    [InlineData("aead_aes_128_gcm", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ProtocolErrorCodes.UnsupportedAlgorithm)]
    [InlineData(null, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ProtocolErrorCodes.UnsupportedAlgorithm)]
    [InlineData("AEAD_AES_128_GCM", "not base64!", ProtocolErrorCodes.MalformedMessage)]
    [InlineData("AEAD_AES_128_GCM", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ProtocolErrorCodes.MalformedMessage)]
    [InlineData("AEAD_AES_128_GCM", null, ProtocolErrorCodes.MalformedMessage)]
    public void Parse_Invalid_ThrowsWithCode(string? type, string? data, string code)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => SecurePayload.Parse(type, data));

        Assert.Equal(code, exception.ErrorCode);
        Assert.False(SecurePayload.TryParse(type, data, out _));
    }

    [Fact]
    public void Parse_MinimumLength_IsAccepted()
    {
        // 28 bytes: an IV and a tag around an empty plaintext.
        var payload = SecurePayload.Parse("AEAD_AES_256_GCM", Convert.ToBase64String(new byte[28]));

        Assert.Equal(0, payload.PlaintextLength);
        Assert.Equal(PayloadAlgorithm.Aes256Gcm, payload.Algorithm);
    }

    [Fact]
    public void Json_RoundTrip_UsesWireNames()
    {
        using var key = ShareKey.Generate(PayloadAlgorithm.Aes256Gcm);
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);

        var json = JsonSerializer.Serialize(payload);
        var back = JsonSerializer.Deserialize<SecurePayload>(json)!;

        using var document = JsonDocument.Parse(json);
        Assert.Equal("AEAD_AES_256_GCM", document.RootElement.GetProperty("type").GetString());
        Assert.Equal(payload.ToBase64(), document.RootElement.GetProperty("data").GetString());
        Assert.Equal("hello"u8.ToArray(), back.Open(key, PayloadDirection.InitiatorToRecipient, 0));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"type\":\"AEAD_AES_128_GCM\"}")]
    [InlineData("{\"type\":1,\"data\":\"AAAA\"}")]
    public void Json_Malformed_ThrowsProtocolException(string json)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => JsonSerializer.Deserialize<SecurePayload>(json));

        Assert.Equal(ProtocolErrorCodes.MalformedMessage, exception.ErrorCode);
    }

    [Fact]
    public void ToString_DoesNotContainData()
    {
        using var key = ShareKey.Generate();
        var payload = SecurePayload.Seal(key, PayloadDirection.InitiatorToRecipient, 0, "hello"u8);

        Assert.DoesNotContain(payload.ToBase64(), payload.ToString(), StringComparison.Ordinal);
    }
}

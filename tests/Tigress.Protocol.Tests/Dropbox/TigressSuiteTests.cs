using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Dropbox;

public sealed class TigressSuiteTests
{
    public static TheoryData<TigressSuiteId> AllSuites { get; } = new()
    {
        TigressSuiteId.Aes128GcmSha256,
        TigressSuiteId.Aes256GcmSha384,
        TigressSuiteId.ChaCha20Poly1305Sha256,
    };

    [Fact]
    public void Default_Always_IsAes128GcmSha256()
    {
        Assert.Same(TigressSuite.Aes128GcmSha256, TigressSuite.Default);
        Assert.Equal(TigressSuiteId.Aes128GcmSha256, TigressSuite.Default.Id);
    }

    [Fact]
    public void StaticProperties_CalledTwice_ReturnSameInstance()
    {
        Assert.Same(TigressSuite.Aes128GcmSha256, TigressSuite.Aes128GcmSha256);
        Assert.Same(TigressSuite.Aes256GcmSha384, TigressSuite.Aes256GcmSha384);
        Assert.Same(TigressSuite.ChaCha20Poly1305Sha256, TigressSuite.ChaCha20Poly1305Sha256);
    }

    [Theory]
    [InlineData(TigressSuiteId.Aes128GcmSha256, 0x1301, "SHA256", 32, 16, "TLS_AES_128_GCM_SHA256")]
    [InlineData(TigressSuiteId.Aes256GcmSha384, 0x1302, "SHA384", 48, 32, "TLS_AES_256_GCM_SHA384")]
    [InlineData(TigressSuiteId.ChaCha20Poly1305Sha256, 0x1303, "SHA256", 32, 32, "TLS_CHACHA20_POLY1305_SHA256")]
    public void FromId_KnownSuite_HasRegistryParameters(TigressSuiteId id, int codePoint, string hash, int nh, int nk, string name)
    {
        var suite = TigressSuite.FromId(id);

        Assert.Equal(codePoint, (int)suite.Id);
        Assert.Equal(hash, suite.HashAlgorithm.Name);
        Assert.Equal(nh, suite.HashLength);
        Assert.Equal(nk, suite.KeyLength);
        Assert.Equal(12, suite.NonceLength);
        Assert.Equal(16, suite.TagLength);
        Assert.Equal(name, suite.ToString());
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x1300)]
    [InlineData(0x1304)]
    [InlineData(0x1305)]
    [InlineData(0xffff)]
    public void TryFromId_UnknownCodePoint_ReturnsFalse(int codePoint)
    {
        Assert.False(TigressSuite.TryFromId((TigressSuiteId)codePoint, out TigressSuite? suite));
        Assert.Null(suite);
    }

    [Fact]
    public void FromId_UnknownCodePoint_ThrowsUnsupportedAlgorithm()
    {
        var ex = Assert.Throws<TigressProtocolException>(() => TigressSuite.FromId((TigressSuiteId)0x1304));

        Assert.Equal(ProtocolErrorCodes.UnsupportedAlgorithm, ex.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(DropboxAeadVectors.KnownAnswers), MemberType = typeof(DropboxAeadVectors))]
    public void Seal_KnownAnswer_MatchesVector(TigressSuiteId id, string key, string nonce, string aad, string plaintext, string expected)
    {
        var suite = TigressSuite.FromId(id);

        byte[] sealedBytes = suite.Seal(Convert.FromHexString(key), Convert.FromHexString(nonce), Convert.FromHexString(aad), Convert.FromHexString(plaintext));

        Assert.Equal(expected, Convert.ToHexStringLower(sealedBytes));
    }

    [Theory]
    [MemberData(nameof(DropboxAeadVectors.KnownAnswers), MemberType = typeof(DropboxAeadVectors))]
    public void Open_KnownAnswer_ReturnsPlaintext(TigressSuiteId id, string key, string nonce, string aad, string plaintext, string sealedHex)
    {
        var suite = TigressSuite.FromId(id);

        byte[]? opened = suite.Open(Convert.FromHexString(key), Convert.FromHexString(nonce), Convert.FromHexString(aad), Convert.FromHexString(sealedHex));

        Assert.NotNull(opened);
        Assert.Equal(plaintext, Convert.ToHexStringLower(opened));
    }

    [Theory]
    [MemberData(nameof(DropboxAeadVectors.KnownAnswers), MemberType = typeof(DropboxAeadVectors))]
    public void Open_KnownAnswerWithEveryByteFlipped_ReturnsNull(TigressSuiteId id, string key, string nonce, string aad, string plaintext, string sealedHex)
    {
        _ = plaintext;
        var suite = TigressSuite.FromId(id);
        byte[] sealedBytes = Convert.FromHexString(sealedHex);

        for (int i = 0; i < sealedBytes.Length; i++)
        {
            byte[] tampered = (byte[])sealedBytes.Clone();
            tampered[i] ^= 0x01;

            Assert.Null(suite.Open(Convert.FromHexString(key), Convert.FromHexString(nonce), Convert.FromHexString(aad), tampered));
        }
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Open_WrongAssociatedData_ReturnsNull(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.KeyLength);
        byte[] nonce = RandomNumberGenerator.GetBytes(suite.NonceLength);
        byte[] sealedBytes = suite.Seal(key, nonce, "aad"u8, "payload"u8);

        Assert.Null(suite.Open(key, nonce, "aae"u8, sealedBytes));
        Assert.NotNull(suite.Open(key, nonce, "aad"u8, sealedBytes));
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Open_ShorterThanTag_ReturnsNull(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = new byte[suite.KeyLength];
        byte[] nonce = new byte[suite.NonceLength];

        for (int length = 0; length < suite.TagLength; length++)
        {
            Assert.Null(suite.Open(key, nonce, default, new byte[length]));
        }
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void TryOpen_TamperedInput_ReturnsFalseAndClearsDestination(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.KeyLength);
        byte[] nonce = RandomNumberGenerator.GetBytes(suite.NonceLength);
        byte[] sealedBytes = suite.Seal(key, nonce, default, "secret credential"u8);
        sealedBytes[0] ^= 0x80;
        byte[] destination = new byte[sealedBytes.Length - suite.TagLength];
        Array.Fill(destination, (byte)0xAA);

        Assert.False(suite.TryOpen(key, nonce, default, sealedBytes, destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Seal_WrongKeyLength_ThrowsArgumentException(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);

        var ex = Assert.Throws<ArgumentException>(() => suite.Seal(new byte[suite.KeyLength - 1], new byte[12], default, default));

        Assert.Equal("key", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Seal_WrongNonceLength_ThrowsArgumentException(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);

        var ex = Assert.Throws<ArgumentException>(() => suite.Seal(new byte[suite.KeyLength], new byte[8], default, default));

        Assert.Equal("nonce", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Seal_DestinationWrongLength_ThrowsArgumentException(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);

        var ex = Assert.Throws<ArgumentException>(() => suite.Seal(new byte[suite.KeyLength], new byte[12], default, new byte[4], new byte[4 + 15]));

        Assert.Equal("ciphertext", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void Seal_DestinationOverlapsPlaintext_ThrowsArgumentException(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] buffer = new byte[4 + 16];

        var ex = Assert.Throws<ArgumentException>(() => suite.Seal(new byte[suite.KeyLength], new byte[12], default, buffer.AsSpan(0, 4), buffer));

        Assert.Equal("ciphertext", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(AllSuites))]
    public void TryOpen_DestinationWrongLength_ThrowsArgumentException(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);

        var ex = Assert.Throws<ArgumentException>(() => suite.TryOpen(new byte[suite.KeyLength], new byte[12], default, new byte[20], new byte[3]));

        Assert.Equal("plaintext", ex.ParamName);
    }
}

using System.Security.Cryptography;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Dropbox;

public sealed class EncapsulatedMessageTests
{
    [Theory]
    [MemberData(nameof(DropboxEncapsulationVectors.Messages), MemberType = typeof(DropboxEncapsulationVectors))]
    public void DeriveAeadKeyAndNonce_KnownKey_MatchesIndependentVector(TigressSuiteId id, string key, string responseNonce, string aeadKey, string aeadNonce, string wire)
    {
        _ = wire;
        var suite = TigressSuite.FromId(id);
        byte[] derivedKey = new byte[suite.KeyLength];
        byte[] derivedNonce = new byte[suite.NonceLength];

        EncapsulatedMessage.DeriveAeadKeyAndNonce(suite, Convert.FromHexString(key), Convert.FromHexString(responseNonce), derivedKey, derivedNonce);

        Assert.Equal(aeadKey, Convert.ToHexStringLower(derivedKey));
        Assert.Equal(aeadNonce, Convert.ToHexStringLower(derivedNonce));
    }

    [Theory]
    [MemberData(nameof(DropboxEncapsulationVectors.Messages), MemberType = typeof(DropboxEncapsulationVectors))]
    public void SealWithNonce_KnownKey_MatchesIndependentVector(TigressSuiteId id, string key, string responseNonce, string aeadKey, string aeadNonce, string wire)
    {
        _ = (aeadKey, aeadNonce);
        var suite = TigressSuite.FromId(id);
        byte[] plaintext = Convert.FromHexString(DropboxEncapsulationVectors.Plaintext);
        byte[] destination = new byte[EncapsulatedMessage.GetSealedLength(suite, plaintext.Length)];

        EncapsulatedMessage.SealWithNonce(suite, Convert.FromHexString(key), Convert.FromHexString(responseNonce), plaintext, destination);

        Assert.Equal(wire, Convert.ToHexStringLower(destination));
    }

    [Theory]
    [MemberData(nameof(DropboxEncapsulationVectors.Messages), MemberType = typeof(DropboxEncapsulationVectors))]
    public void Open_KnownWire_ReturnsPlaintext(TigressSuiteId id, string key, string responseNonce, string aeadKey, string aeadNonce, string wire)
    {
        _ = (responseNonce, aeadKey, aeadNonce);

        byte[]? opened = EncapsulatedMessage.Open(TigressSuite.FromId(id), Convert.FromHexString(key), Convert.FromHexString(wire));

        Assert.NotNull(opened);
        Assert.Equal(DropboxEncapsulationVectors.Plaintext, Convert.ToHexStringLower(opened));
    }

    [Theory]
    [InlineData(TigressSuiteId.Aes128GcmSha256, 16, 32)]
    [InlineData(TigressSuiteId.Aes256GcmSha384, 32, 48)]
    [InlineData(TigressSuiteId.ChaCha20Poly1305Sha256, 32, 48)]
    public void GetSealedLength_PerSuite_AddsNonceAndTag(TigressSuiteId id, int nonceLength, int overhead)
    {
        var suite = TigressSuite.FromId(id);

        Assert.Equal(nonceLength, EncapsulatedMessage.GetResponseNonceLength(suite));
        Assert.Equal(overhead, EncapsulatedMessage.GetSealedLength(suite, 0));
        Assert.Equal(overhead + 1000, EncapsulatedMessage.GetSealedLength(suite, 1000));
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Open_SealedMessage_RoundTrips(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);

        foreach (int length in new[] { 0, 1, 15, 16, 17, 1000, 70_000 })
        {
            byte[] plaintext = RandomNumberGenerator.GetBytes(length);

            byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, plaintext);

            Assert.Equal(EncapsulatedMessage.GetSealedLength(suite, length), sealedMessage.Length);
            Assert.Equal(plaintext, EncapsulatedMessage.Open(suite, key, sealedMessage));
        }
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Seal_SamePlaintextTwice_UsesFreshNonces(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);

        byte[] first = EncapsulatedMessage.Seal(suite, key, "same"u8);
        byte[] second = EncapsulatedMessage.Seal(suite, key, "same"u8);

        int nonceLength = EncapsulatedMessage.GetResponseNonceLength(suite);
        Assert.NotEqual(first.AsSpan(0, nonceLength).ToArray(), second.AsSpan(0, nonceLength).ToArray());
        Assert.NotEqual(first.AsSpan(nonceLength).ToArray(), second.AsSpan(nonceLength).ToArray());
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Open_AnyByteTampered_ReturnsNull(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "car key provisioning data"u8);

        for (int i = 0; i < sealedMessage.Length; i++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xff })
            {
                byte[] tampered = (byte[])sealedMessage.Clone();
                tampered[i] ^= mask;

                Assert.Null(EncapsulatedMessage.Open(suite, key, tampered));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Open_WrongKey_ReturnsNull(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "payload"u8);

        for (int bit = 0; bit < key.Length * 8; bit += 7)
        {
            byte[] wrongKey = (byte[])key.Clone();
            wrongKey[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Null(EncapsulatedMessage.Open(suite, wrongKey, sealedMessage));
        }
    }

    [Fact]
    public void Open_SealedUnderAnotherSuiteWithSameKeyLength_ReturnsNull()
    {
        // 1301 and 1303 share SHA-256 and so accept the same K_i; the AEADs still must not confuse each other.
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] sealedMessage = EncapsulatedMessage.Seal(TigressSuite.ChaCha20Poly1305Sha256, key, "payload"u8);

        Assert.Null(EncapsulatedMessage.Open(TigressSuite.Aes128GcmSha256, key, sealedMessage));
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Open_EveryTruncation_ReturnsNull(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "twenty bytes of data"u8);

        for (int length = 0; length < sealedMessage.Length; length++)
        {
            Assert.Null(EncapsulatedMessage.Open(suite, key, sealedMessage.AsSpan(0, length)));
        }
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Open_ExtraTrailingByte_ReturnsNull(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "payload"u8);

        Assert.Null(EncapsulatedMessage.Open(suite, key, [.. sealedMessage, 0]));
    }

    [Fact]
    public void TryOpen_LargerDestination_WritesPlaintextLength()
    {
        var suite = TigressSuite.Default;
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "payload"u8);
        byte[] destination = new byte[100];

        Assert.True(EncapsulatedMessage.TryOpen(suite, key, sealedMessage, destination, out int written));

        Assert.Equal("payload"u8.ToArray(), destination.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryOpen_TamperedMessage_ReturnsFalseAndWritesNothing()
    {
        var suite = TigressSuite.Default;
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "payload"u8);
        sealedMessage[^1] ^= 1;
        byte[] destination = new byte[7];

        Assert.False(EncapsulatedMessage.TryOpen(suite, key, sealedMessage, destination, out int written));

        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryOpen_DestinationTooSmall_ThrowsArgumentException()
    {
        var suite = TigressSuite.Default;
        byte[] key = RandomNumberGenerator.GetBytes(suite.HashLength);
        byte[] sealedMessage = EncapsulatedMessage.Seal(suite, key, "payload"u8);

        var ex = Assert.Throws<ArgumentException>(() => EncapsulatedMessage.TryOpen(suite, key, sealedMessage, new byte[6], out _));

        Assert.Equal("plaintext", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(TigressSuiteTests.AllSuites), MemberType = typeof(TigressSuiteTests))]
    public void Seal_KeyNotHashLength_ThrowsArgumentException(TigressSuiteId id)
    {
        var suite = TigressSuite.FromId(id);

        var ex = Assert.Throws<ArgumentException>(() => EncapsulatedMessage.Seal(suite, new byte[suite.KeyLength == suite.HashLength ? 16 : suite.KeyLength], "x"u8));

        Assert.Equal("key", ex.ParamName);
    }

    [Fact]
    public void Seal_DestinationWrongLength_ThrowsArgumentException()
    {
        var suite = TigressSuite.Default;

        var ex = Assert.Throws<ArgumentException>(() => EncapsulatedMessage.Seal(suite, new byte[32], "x"u8, new byte[32]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Seal_DestinationOverlapsPlaintext_ThrowsArgumentException()
    {
        var suite = TigressSuite.Default;
        byte[] buffer = new byte[33];

        var ex = Assert.Throws<ArgumentException>(() => EncapsulatedMessage.Seal(suite, new byte[32], buffer.AsSpan(32, 1), buffer));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Seal_NullSuite_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => EncapsulatedMessage.Seal(null!, new byte[32], "x"u8));

        Assert.Equal("suite", ex.ParamName);
    }
}

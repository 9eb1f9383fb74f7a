using System.Security.Cryptography;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake;

public sealed class PinSessionKeyTests
{
    [Theory]
    [MemberData(nameof(Spake2PinVectors.SessionKeys), MemberType = typeof(Spake2PinVectors))]
    public void Derive_IndependentVector_Matches(string secret, string sharedKey, int length, string expected)
    {
        byte[] key = PinSessionKey.Derive(Convert.FromHexString(secret), Convert.FromHexString(sharedKey), length);

        Assert.Equal(expected, Convert.ToHexStringLower(key));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(64)]
    public void Derive_PlatformPrimitives_MatchConstruction(int length)
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] sharedKey = RandomNumberGenerator.GetBytes(Spake2.SharedKeyLength);

        // HkdfLabel = uint16 length || 25 || "tls13 tigress pin session" || 0.
        byte[] prk = HKDF.Extract(HashAlgorithmName.SHA256, secret, sharedKey);
        byte[] info = [0x00, (byte)length, 25, .. "tls13 tigress pin session"u8, 0x00];
        byte[] expected = HKDF.Expand(HashAlgorithmName.SHA256, prk, length, info);

        Assert.Equal(expected, PinSessionKey.Derive(secret, sharedKey, length));
    }

    [Fact]
    public void Derive_SameInputs_IsDeterministic()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] sharedKey = RandomNumberGenerator.GetBytes(16);

        Assert.Equal(PinSessionKey.Derive(secret, sharedKey, 32), PinSessionKey.Derive(secret, sharedKey, 32));
    }

    [Fact]
    public void Derive_EitherInputChanges_KeyChanges()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] sharedKey = RandomNumberGenerator.GetBytes(16);
        byte[] otherSecret = (byte[])secret.Clone();
        otherSecret[^1] ^= 1;
        byte[] otherSharedKey = (byte[])sharedKey.Clone();
        otherSharedKey[0] ^= 1;

        byte[] key = PinSessionKey.Derive(secret, sharedKey, 32);

        Assert.NotEqual(key, PinSessionKey.Derive(otherSecret, sharedKey, 32));
        Assert.NotEqual(key, PinSessionKey.Derive(secret, otherSharedKey, 32));
        Assert.NotEqual(key, PinSessionKey.Derive(sharedKey.Concat(sharedKey).ToArray(), secret[..16], 32));
    }

    [Fact]
    public void Derive_DifferentLengths_AreNotPrefixesOfEachOther()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] sharedKey = RandomNumberGenerator.GetBytes(16);

        byte[] short16 = PinSessionKey.Derive(secret, sharedKey, 16);
        byte[] long32 = PinSessionKey.Derive(secret, sharedKey, 32);

        Assert.NotEqual(short16, long32[..16]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(65)]
    public void Derive_DisallowedLength_ThrowsArgumentException(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinSessionKey.Derive(new byte[32], new byte[16], length));

        Assert.Equal("length", ex.ParamName);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(65)]
    public void Derive_DestinationOfDisallowedLength_ThrowsArgumentException(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinSessionKey.Derive(new byte[32], new byte[16], new byte[length]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(32)]
    public void Derive_SharedKeyOfWrongLength_ThrowsArgumentException(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinSessionKey.Derive(new byte[32], new byte[length], 32));

        Assert.Equal("sharedKey", ex.ParamName);
    }

    [Fact]
    public void Derive_ShortSecret_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => PinSessionKey.Derive(new byte[15], new byte[16], 32));

        Assert.Equal("invitationSecret", ex.ParamName);
    }

    [Fact]
    public void Derive_DestinationOverlapsInput_ThrowsArgumentException()
    {
        byte[] buffer = new byte[64];

        var ex = Assert.Throws<ArgumentException>(() => PinSessionKey.Derive(buffer.AsSpan(0, 32), buffer.AsSpan(32, 16), buffer.AsSpan(40, 16)));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void DeriveSessionKey_DisallowedLength_ThrowsArgumentException()
    {
        byte[] w = PinKey.DeriveScalar("123456", new byte[32]);
        using var a = Spake2.CreateA(w, default, default);

        var ex = Assert.Throws<ArgumentException>(() => a.DeriveSessionKey(new byte[32], 8));

        Assert.Equal("length", ex.ParamName);
    }
}

using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake;

public sealed class PinKeyTests
{
    [Theory]
    [MemberData(nameof(Spake2PinVectors.PinScalars), MemberType = typeof(Spake2PinVectors))]
    public void DeriveScalar_IndependentVector_Matches(string pin, string secret, string expected)
    {
        byte[] w = PinKey.DeriveScalar(pin, Convert.FromHexString(secret));

        Assert.Equal(expected, Convert.ToHexStringLower(w));
    }

    [Fact]
    public void DeriveScalar_PlatformPrimitives_MatchConstruction()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        const string pin = "314159";

        // salt = HKDF-Expand-Label(secret, "pin salt", "", 32): HkdfLabel = 0x0020 || 14 || "tls13 pin salt" || 0.
        byte[] info = [0x00, 0x20, 14, .. "tls13 pin salt"u8, 0x00];
        byte[] salt = HKDF.Expand(HashAlgorithmName.SHA256, secret, 32, info);
        byte[] wide = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, PinKey.Iterations, HashAlgorithmName.SHA256, 48);
        var order = new BigInteger(Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"), isUnsigned: true, isBigEndian: true);
        byte[] reduced = (new BigInteger(wide, isUnsigned: true, isBigEndian: true) % order).ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] expected = new byte[32];
        reduced.CopyTo(expected, 32 - reduced.Length);

        Assert.Equal(expected, PinKey.DeriveScalar(pin, secret));
    }

    [Fact]
    public void DeriveScalar_SamePinAndSecret_IsDeterministicAndValid()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);

        byte[] first = PinKey.DeriveScalar("123456", secret);
        byte[] second = PinKey.DeriveScalar("123456", secret);

        Assert.Equal(first, second);
        Assert.True(Spake2Group.IsValidScalar(first));
    }

    [Fact]
    public void DeriveScalar_DifferentPin_Differs()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);

        Assert.NotEqual(PinKey.DeriveScalar("123456", secret), PinKey.DeriveScalar("123457", secret));
        Assert.NotEqual(PinKey.DeriveScalar("123456", secret), PinKey.DeriveScalar("1234560", secret));
    }

    [Fact]
    public void DeriveScalar_DifferentSecret_Differs()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        byte[] other = (byte[])secret.Clone();
        other[0] ^= 1;

        Assert.NotEqual(PinKey.DeriveScalar("123456", secret), PinKey.DeriveScalar("123456", other));
    }

    [Fact]
    public void DeriveScalar_CharArrayPin_MatchesString()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(16);
        char[] pin = ['2', '7', '1', '8', '2', '8'];

        Assert.Equal(PinKey.DeriveScalar("271828", secret), PinKey.DeriveScalar(pin, secret));
    }

    [Fact]
    public void DeriveScalar_SamePinBothSides_Spake2Verifies()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string pin = Pin.Generate();
        using var a = Spake2.CreateA(PinKey.DeriveScalar(pin, secret), "initiator"u8, "recipient"u8);
        using var b = Spake2.CreateB(PinKey.DeriveScalar(Pin.Normalize(pin[..3] + " " + pin[3..]), secret), "initiator"u8, "recipient"u8);

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.True(a.Verify(cB));
        Assert.True(b.Verify(cA));
    }

    [Fact]
    public void DeriveScalar_WrongPin_Spake2FailsOnBothSides()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        using var a = Spake2.CreateA(PinKey.DeriveScalar("246810", secret), "initiator"u8, "recipient"u8);
        using var b = Spake2.CreateB(PinKey.DeriveScalar("246811", secret), "initiator"u8, "recipient"u8);

        byte[] cB = b.Finish(a.GetShare());
        byte[] cA = a.Finish(b.GetShare());

        Assert.False(a.Verify(cB));
        Assert.False(b.Verify(cA));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("123 456")]
    [InlineData("12345a")]
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666")]
    [InlineData("123456789012345678901234567890123")]
    public void DeriveScalar_PinNotInNormalForm_ThrowsArgumentException(string pin)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinKey.DeriveScalar(pin, new byte[32]));

        Assert.Equal("pin", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void DeriveScalar_ShortSecret_ThrowsArgumentException(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinKey.DeriveScalar("123456", new byte[length]));

        Assert.Equal("invitationSecret", ex.ParamName);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void DeriveScalar_DestinationOfWrongLength_ThrowsArgumentException(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => PinKey.DeriveScalar("123456", new byte[32], new byte[length]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void DeriveScalar_DestinationOverlapsSecret_ThrowsArgumentException()
    {
        byte[] buffer = new byte[48];

        var ex = Assert.Throws<ArgumentException>(() => PinKey.DeriveScalar("123456", buffer.AsSpan(0, 32), buffer.AsSpan(16, 32)));

        Assert.Equal("destination", ex.ParamName);
    }
}

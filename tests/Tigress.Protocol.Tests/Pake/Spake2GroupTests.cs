using Org.BouncyCastle.Crypto.EC;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake;

public sealed class Spake2GroupTests
{
    private const string OrderHex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    private const string FieldPrimeHex = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";

    [Fact]
    public void M_RfcConstant_IsOnCurveAndMatches()
    {
        var curve = CustomNamedCurves.GetByName("P-256");
        var expected = curve.Curve.DecodePoint(Convert.FromHexString(Spake2Rfc9382Vectors.MCompressed));

        Assert.True(Spake2Group.M.IsValid());
        Assert.False(Spake2Group.M.IsInfinity);
        Assert.Equal(expected, Spake2Group.M);
        Assert.Equal(Spake2Rfc9382Vectors.MCompressed, Convert.ToHexStringLower(Spake2Group.M.GetEncoded(true)));
    }

    [Fact]
    public void N_RfcConstant_IsOnCurveAndMatches()
    {
        var curve = CustomNamedCurves.GetByName("P-256");
        var expected = curve.Curve.DecodePoint(Convert.FromHexString(Spake2Rfc9382Vectors.NCompressed));

        Assert.True(Spake2Group.N.IsValid());
        Assert.False(Spake2Group.N.IsInfinity);
        Assert.Equal(expected, Spake2Group.N);
        Assert.Equal(Spake2Rfc9382Vectors.NCompressed, Convert.ToHexStringLower(Spake2Group.N.GetEncoded(true)));
    }

    [Fact]
    public void MAndN_MultipliedByOrder_AreIdentity()
    {
        var order = new Org.BouncyCastle.Math.BigInteger(1, Convert.FromHexString(OrderHex));

        Assert.True(Spake2Group.M.Multiply(order).IsInfinity);
        Assert.True(Spake2Group.N.Multiply(order).IsInfinity);
        Assert.NotEqual(Spake2Group.M, Spake2Group.N);
    }

    [Fact]
    public void EnsureSelfTested_Backend_Passes()
    {
        Spake2Group.EnsureSelfTested();
        Spake2Group.EnsureSelfTested();
    }

    [Fact]
    public void DecodeShare_ValidShare_Decodes()
    {
        byte[] share = Spake2Group.Generator.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(7)).Normalize().GetEncoded(false);

        var point = Spake2Group.DecodeShare(share);

        Assert.True(point.IsValid());
    }

    [Theory]
    [MemberData(nameof(MalformedShares))]
    public void DecodeShare_MalformedShare_ThrowsInvalidShare(string share)
    {
        var ex = Assert.Throws<TigressProtocolException>(() => Spake2Group.DecodeShare(Convert.FromHexString(share)));

        Assert.Equal(PakeErrorCodes.InvalidShare, ex.ErrorCode);
    }

    [Fact]
    public void DecodeShare_InfinityEncoding_ThrowsIdentityShare()
    {
        var ex = Assert.Throws<TigressProtocolException>(() => Spake2Group.DecodeShare([0x00]));

        Assert.Equal(PakeErrorCodes.IdentityShare, ex.ErrorCode);
    }

    [Theory]
    [InlineData("secp256k1")]
    [InlineData("P-384")]
    [InlineData("P-224")]
    [InlineData("brainpoolP256r1")]
    public void DecodeShare_PointOfAnotherCurve_ThrowsInvalidShare(string curveName)
    {
        byte[] foreign = CustomOrStandardCurve(curveName).G.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(12345)).Normalize().GetEncoded(false);

        var ex = Assert.Throws<TigressProtocolException>(() => Spake2Group.DecodeShare(foreign));

        Assert.Equal(PakeErrorCodes.InvalidShare, ex.ErrorCode);
    }

    [Fact]
    public void DecodeShare_SameXWithOtherY_OnlyTheCurvePointDecodes()
    {
        byte[] share = Spake2Group.Generator.GetEncoded(false);
        byte[] tampered = (byte[])share.Clone();
        tampered[^1] ^= 0x01;

        Spake2Group.DecodeShare(share);
        var ex = Assert.Throws<TigressProtocolException>(() => Spake2Group.DecodeShare(tampered));

        Assert.Equal(PakeErrorCodes.InvalidShare, ex.ErrorCode);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", true)]
    [InlineData(OrderHex, false)]
    [InlineData("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550", true)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", false)]
    [InlineData("01", false)]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000001", false)]
    public void IsValidScalar_Boundaries_AcceptOnlyOneToOrderMinusOne(string scalar, bool expected)
    {
        Assert.Equal(expected, Spake2Group.IsValidScalar(Convert.FromHexString(scalar)));
    }

    [Fact]
    public void GenerateScalar_ManyDraws_AreValidAndDistinct()
    {
        var seen = new HashSet<string>();
        byte[] scalar = new byte[Spake2Group.ScalarLength];

        for (int i = 0; i < 100; i++)
        {
            Spake2Group.GenerateScalar(scalar);
            Assert.True(Spake2Group.IsValidScalar(scalar));
            Assert.True(seen.Add(Convert.ToHexStringLower(scalar)));
        }
    }

    [Theory]
    [InlineData("00", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(OrderHex, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000" + OrderHex, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("01" + OrderHex, "00000000ffffffff00000000000000004319055258e8617b0c46353d039cdaaf")]
    [InlineData("1234", "0000000000000000000000000000000000000000000000000000000000001234")]
    public void ReduceScalar_WideInput_IsModuloOrder(string wide, string expected)
    {
        byte[] scalar = new byte[Spake2Group.ScalarLength];

        Spake2Group.ReduceScalar(Convert.FromHexString(wide), scalar);

        Assert.Equal(expected, Convert.ToHexStringLower(scalar));
    }

    public static TheoryData<string> MalformedShares()
    {
        string valid = Convert.ToHexStringLower(Spake2Group.Generator.GetEncoded(false));
        string x = valid[2..66];
        string y = valid[66..];
        return new TheoryData<string>
        {
            "",                                                     // empty
            "04",                                                   // prefix only
            valid[..^2],                                            // 64 bytes
            valid + "00",                                           // 66 bytes
            Convert.ToHexStringLower(Spake2Group.Generator.GetEncoded(true)), // compressed, 33 bytes
            "02" + x + y,                                           // compressed prefix on 65 bytes
            "03" + x + y,
            "05" + x + y,                                           // no such prefix
            "06" + x + y,                                           // hybrid encodings
            "07" + x + y,
            "00" + x + y,                                           // infinity prefix on 65 bytes
            "04" + new string('0', 128),                            // (0, 0): not on the curve
            "04" + FieldPrimeHex + y,                               // x = field prime: out of range
            "04" + x + FieldPrimeHex,                               // y = field prime: out of range
            "04" + new string('f', 128),                            // both coordinates out of range
        };
    }

    private static Org.BouncyCastle.Asn1.X9.X9ECParameters CustomOrStandardCurve(string name) =>
        CustomNamedCurves.GetByName(name) ?? Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByName(name);
}

using System.Text;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Tests.Vectors;

namespace Tigress.Protocol.Tests.Pake.Oprf;

public sealed class P256HashToCurveTests
{
    [Theory]
    [MemberData(nameof(Rfc9380Vectors.ExpandMessageXmd), MemberType = typeof(Rfc9380Vectors))]
    public void ExpandMessageXmd_Rfc9380AppendixK1_Matches(string message, int length, string expected)
    {
        byte[] output = new byte[length];

        P256HashToCurve.ExpandMessageXmd(Encoding.ASCII.GetBytes(message), Encoding.ASCII.GetBytes(Rfc9380Vectors.ExpandMessageDst), output);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Theory]
    [MemberData(nameof(Rfc9380Vectors.HashToCurve), MemberType = typeof(Rfc9380Vectors))]
    public void HashToField_Rfc9380AppendixJ11_Matches(string message, string u0, string u1, string q0x, string q0y, string q1x, string q1y, string px, string py)
    {
        _ = (q0x, q0y, q1x, q1y, px, py);

        (ECFieldElement actual0, ECFieldElement actual1) = P256HashToCurve.HashToField(Encoding.ASCII.GetBytes(message), Dst);

        Assert.Equal(u0, Hex(actual0));
        Assert.Equal(u1, Hex(actual1));
    }

    [Theory]
    [MemberData(nameof(Rfc9380Vectors.HashToCurve), MemberType = typeof(Rfc9380Vectors))]
    public void MapToCurve_Rfc9380AppendixJ11_Matches(string message, string u0, string u1, string q0x, string q0y, string q1x, string q1y, string px, string py)
    {
        _ = (message, px, py);
        var curve = P256HashToCurve.Curve;

        ECPoint q0 = P256HashToCurve.MapToCurve(curve.FromBigInteger(new Org.BouncyCastle.Math.BigInteger(u0, 16))).Normalize();
        ECPoint q1 = P256HashToCurve.MapToCurve(curve.FromBigInteger(new Org.BouncyCastle.Math.BigInteger(u1, 16))).Normalize();

        Assert.Equal((q0x, q0y), (Hex(q0.AffineXCoord), Hex(q0.AffineYCoord)));
        Assert.Equal((q1x, q1y), (Hex(q1.AffineXCoord), Hex(q1.AffineYCoord)));
    }

    [Theory]
    [MemberData(nameof(Rfc9380Vectors.HashToCurve), MemberType = typeof(Rfc9380Vectors))]
    public void HashToCurve_Rfc9380AppendixJ11_Matches(string message, string u0, string u1, string q0x, string q0y, string q1x, string q1y, string px, string py)
    {
        _ = (u0, u1, q0x, q0y, q1x, q1y);

        ECPoint p = P256HashToCurve.HashToCurve(Encoding.ASCII.GetBytes(message), Dst);

        Assert.True(p.IsValid());
        Assert.Equal((px, py), (Hex(p.AffineXCoord), Hex(p.AffineYCoord)));
    }

    [Fact]
    public void ExpandMessageXmd_EmptyOrOversizedDst_Throws()
    {
        byte[] output = new byte[32];

        Assert.Throws<ArgumentException>("dst", () => P256HashToCurve.ExpandMessageXmd([], [], output));
        Assert.Throws<ArgumentException>("dst", () => P256HashToCurve.ExpandMessageXmd([], new byte[256], output));
    }

    [Fact]
    public void ExpandMessageXmd_OutputTooLong_Throws()
    {
        byte[] output = new byte[(255 * 32) + 1];

        Assert.Throws<ArgumentException>("output", () => P256HashToCurve.ExpandMessageXmd([], "DST"u8, output));
    }

    private static byte[] Dst => Encoding.ASCII.GetBytes(Rfc9380Vectors.HashToCurveDst);

    private static string Hex(ECFieldElement element) =>
        Convert.ToHexStringLower(BigIntegers.AsUnsignedByteArray(32, element.ToBigInteger()));
}

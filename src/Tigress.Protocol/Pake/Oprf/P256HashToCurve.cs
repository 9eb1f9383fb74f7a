using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using BigInteger = Org.BouncyCastle.Math.BigInteger;
using ECCurve = Org.BouncyCastle.Math.EC.ECCurve;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Tigress.Protocol.Pake;

//
//  Hashing to P-256: the suite P256_XMD:SHA-256_SSWU_RO_ of RFC 9380 (section 8.2), and the hash to a scalar that
//  RFC 9497 (section 4.3) builds from the same pieces
//
//      | Piece            | RFC 9380                | Parameters                                              |
//      | ---------------- | ----------------------- | ------------------------------------------------------- |
//      | expand_message   | 5.3.1, xmd              | SHA-256: b_in_bytes = 32, s_in_bytes = 64               |
//      | hash_to_field    | 5.2                     | m = 1, L = 48, count = 2 for a point, 1 for a scalar    |
//      | map_to_curve     | 6.6.2, simplified SWU   | A = -3, B = the curve's b, Z = -10                      |
//      | clear_cofactor   | 7                       | none: P-256 has cofactor 1                              |
//      | sgn0             | 4.1                     | the parity of the canonical integer (m = 1)             |
//      | HashToScalar     | RFC 9497 4.3            | hash_to_field into Z/nZ, n = the group order, L = 48    |
//
//  The field arithmetic is BouncyCastle's P-256 field, whose square root and inversion run fixed exponentiation
//  chains: the input hashed here is a PIN, so the map computes both candidate roots rather than branching on which
//  of g(x1), g(x2) is a square before doing the work.
//

/// <summary>RFC 9380 hash-to-curve for P-256 (P256_XMD:SHA-256_SSWU_RO_) and RFC 9497's HashToScalar.</summary>
internal static class P256HashToCurve
{
    /// <summary>The length of one hash_to_field output before reduction: ceil((ceil(log2(p)) + k) / 8) with k = 128.</summary>
    public const int FieldElementHashLength = 48;

    /// <summary>The longest domain separation tag expand_message_xmd accepts without hashing it first.</summary>
    public const int MaxDstLength = 255;

    private const int HashLength = 32;      // b_in_bytes
    private const int HashBlockLength = 64; // s_in_bytes

    private static readonly X9ECParameters s_parameters = CustomNamedCurves.GetByName("P-256");
    private static readonly ECCurve s_curve = s_parameters.Curve;
    private static readonly BigInteger s_fieldPrime = s_curve.Field.Characteristic;
    private static readonly ECFieldElement s_z = s_curve.FromBigInteger(s_fieldPrime.Subtract(BigInteger.Ten));

    // Section 6.6.2 constants: -B/A and B/(Z*A), the latter for the exceptional case tv1 = 0.
    private static readonly ECFieldElement s_minusBOverA = s_curve.B.Negate().Divide(s_curve.A);
    private static readonly ECFieldElement s_bOverZA = s_curve.B.Divide(s_z.Multiply(s_curve.A));

    /// <summary>The curve, for callers that decode and encode points.</summary>
    public static ECCurve Curve => s_curve;

    /// <summary>The group order n.</summary>
    public static BigInteger Order => s_parameters.N;

    /// <summary>expand_message_xmd with SHA-256 (RFC 9380 section 5.3.1), filling <paramref name="output"/>.</summary>
    public static void ExpandMessageXmd(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, Span<byte> output)
    {
        int ell = (output.Length + HashLength - 1) / HashLength;
        if (ell is 0 or > 255 || output.Length > ushort.MaxValue)
        {
            throw Error.Argument_Invalid(nameof(output), "expand_message_xmd writes 1 to 8160 bytes with SHA-256.");
        }

        if (dst.IsEmpty || dst.Length > MaxDstLength)
        {
            throw Error.Argument_Invalid(nameof(dst), $"A domain separation tag is 1 to {MaxDstLength} bytes.");
        }

        Span<byte> lengthAndZero = stackalloc byte[sizeof(ushort) + sizeof(byte)];
        BinaryPrimitives.WriteUInt16BigEndian(lengthAndZero, (ushort)output.Length);
        lengthAndZero[sizeof(ushort)] = 0;
        byte dstLength = (byte)dst.Length;

        Span<byte> b0 = stackalloc byte[HashLength];
        Span<byte> bi = stackalloc byte[HashLength];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            // b_0 = H(Z_pad || msg || I2OSP(len_in_bytes, 2) || I2OSP(0, 1) || DST_prime)
            Span<byte> zeroPad = stackalloc byte[HashBlockLength];
            zeroPad.Clear();
            hash.AppendData(zeroPad);
            hash.AppendData(message);
            hash.AppendData(lengthAndZero);
            hash.AppendData(dst);
            hash.AppendData(new ReadOnlySpan<byte>(in dstLength));
            hash.GetHashAndReset(b0);

            for (int i = 1; i <= ell; i++)
            {
                // b_1 = H(b_0 || 1 || DST_prime); b_i = H(strxor(b_0, b_(i-1)) || i || DST_prime)
                if (i == 1)
                {
                    hash.AppendData(b0);
                }
                else
                {
                    for (int j = 0; j < HashLength; j++)
                    {
                        bi[j] ^= b0[j];
                    }

                    hash.AppendData(bi);
                }

                byte counter = (byte)i;
                hash.AppendData(new ReadOnlySpan<byte>(in counter));
                hash.AppendData(dst);
                hash.AppendData(new ReadOnlySpan<byte>(in dstLength));
                hash.GetHashAndReset(bi);

                int offset = (i - 1) * HashLength;
                int take = Math.Min(HashLength, output.Length - offset);
                bi[..take].CopyTo(output[offset..]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b0);
            CryptographicOperations.ZeroMemory(bi);
        }
    }

    /// <summary>hash_to_field with count = 2 (RFC 9380 section 5.2): the two field elements u0, u1.</summary>
    public static (ECFieldElement U0, ECFieldElement U1) HashToField(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst)
    {
        Span<byte> uniform = stackalloc byte[2 * FieldElementHashLength];
        try
        {
            ExpandMessageXmd(message, dst, uniform);
            return (ToField(uniform[..FieldElementHashLength]), ToField(uniform[FieldElementHashLength..]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(uniform);
        }
    }

    /// <summary>The simplified SWU map (RFC 9380 section 6.6.2) of one field element to a point on P-256.</summary>
    public static ECPoint MapToCurve(ECFieldElement u)
    {
        // tv1 = inv0(Z^2 * u^4 + Z * u^2); x1 = (-B / A) * (1 + tv1), or B / (Z * A) when tv1 = 0.
        ECFieldElement zu2 = s_z.Multiply(u.Square());
        ECFieldElement denominator = zu2.Square().Add(zu2);
        ECFieldElement x1 = denominator.IsZero
            ? s_bOverZA
            : s_minusBOverA.Multiply(s_curve.FromBigInteger(BigInteger.One).Add(denominator.Invert()));
        ECFieldElement x2 = zu2.Multiply(x1);

        // Exactly one of g(x1), g(x2) is a square (Z is not), so exactly one root exists.
        ECFieldElement? y1 = CurveEquation(x1).Sqrt();
        ECFieldElement? y2 = CurveEquation(x2).Sqrt();
        ECFieldElement x = y1 is not null ? x1 : x2;
        ECFieldElement y = y1 ?? y2 ?? throw new CryptographicException("The SWU map found no square root; the field constants are wrong.");

        if (u.TestBitZero() != y.TestBitZero())
        {
            y = y.Negate();
        }

        return s_curve.ValidatePoint(x.ToBigInteger(), y.ToBigInteger());
    }

    /// <summary>hash_to_curve (RFC 9380 section 3) for P256_XMD:SHA-256_SSWU_RO_, normalised.</summary>
    public static ECPoint HashToCurve(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst)
    {
        (ECFieldElement u0, ECFieldElement u1) = HashToField(message, dst);

        // clear_cofactor is the identity map: h = 1.
        return MapToCurve(u0).Add(MapToCurve(u1)).Normalize();
    }

    /// <summary>HashToScalar (RFC 9497 section 4.3): hash_to_field into the integers modulo n, written as 32 bytes big-endian.</summary>
    public static void HashToScalar(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, Span<byte> scalar)
    {
        Debug.Assert(scalar.Length == 32);
        Span<byte> uniform = stackalloc byte[FieldElementHashLength];
        try
        {
            ExpandMessageXmd(message, dst, uniform);
            BigInteger reduced = new BigInteger(1, uniform).Mod(s_parameters.N);
            Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(reduced, scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(uniform);
        }
    }

    private static ECFieldElement ToField(ReadOnlySpan<byte> wide) =>
        s_curve.FromBigInteger(new BigInteger(1, wide).Mod(s_fieldPrime));

    // g(x) = x^3 + A*x + B
    private static ECFieldElement CurveEquation(ECFieldElement x) =>
        x.Square().Add(s_curve.A).Multiply(x).Add(s_curve.B);
}

using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Tigress.Protocol.Pake;

//
//  The group of SPAKE2-P256-SHA256-HKDF-HMAC (RFC 9382 sections 3 and 6)
//
//      pA = w*M + x*P                  (party A)        K = h*x*(pB - w*N)    (computed by A)
//      pB = w*N + y*P                  (party B)        K = h*y*(pA - w*M)    (computed by B)
//
//      | Symbol | Value                                                                                     |
//      | ------ | ----------------------------------------------------------------------------------------- |
//      | G      | P-256 (secp256r1), prime order p, cofactor h = 1, so no cofactor clearing is needed        |
//      | P      | the curve's standard base point                                                           |
//      | M, N   | the RFC's fixed points for P-256 (section 6), compressed SEC1; seeds                      |
//      |        | "1.2.840.10045.3.1.7 point generation seed (M)" and "... (N)"                             |
//      | w      | the password scalar, 32 bytes big-endian, 0 < w < p                                        |
//      | x, y   | ephemeral scalars, uniform in [1, p) by rejection sampling (section 7 recommends it)       |
//      | shares | pA, pB: 65-byte uncompressed SEC1 points (0x04 || X || Y), as the RFC's test vectors encode |
//      | K      | 65-byte uncompressed SEC1 point                                                            |
//
//  Every multiplication by a secret scalar (w, x, y) goes through BouncyCastle's fixed-point comb multiplier rather than
//  the curve's default, whose window NAF takes time that depends on the scalar. The comb runs the same sequence of
//  doublings and additions for every scalar below p and reads its table with a full constant-time scan; section 7 asks
//  that point operations take time independent of the inputs, and this is the most regular multiplier BouncyCastle has.
//
//  BouncyCastle's BigInteger is immutable and cannot be cleared, so each scalar lives as a BigInteger only for the
//  duration of one multiplication; the bytes this library owns are cleared by the callers.
//

/// <summary>P-256 with the RFC 9382 points M and N: share computation, share validation and the shared element K.</summary>
internal static class Spake2Group
{
    /// <summary>The length of a scalar (w, x, y): the byte length of the group order p.</summary>
    public const int ScalarLength = 32;

    /// <summary>The length of an uncompressed SEC1 point: a prefix byte and two 32-byte coordinates.</summary>
    public const int ElementLength = 1 + (2 * ScalarLength);

    /// <summary>RFC 9382 section 6, P-256, M as a compressed SEC1 point.</summary>
    public const string MCompressedHex = "02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f";

    /// <summary>RFC 9382 section 6, P-256, N as a compressed SEC1 point.</summary>
    public const string NCompressedHex = "03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49";

    private const byte UncompressedPrefix = 0x04;
    private const byte InfinityEncoding = 0x00;

    private static readonly X9ECParameters s_parameters = CustomNamedCurves.GetByName("P-256");
    private static readonly ECPoint s_m = s_parameters.Curve.DecodePoint(Convert.FromHexString(MCompressedHex));
    private static readonly ECPoint s_n = s_parameters.Curve.DecodePoint(Convert.FromHexString(NCompressedHex));
    private static readonly FixedPointCombMultiplier s_multiplier = new();
    private static volatile bool s_selfTested;

    /// <summary>The order p of P-256, big-endian.</summary>
    private static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ];

    /// <summary>The base point P, for tests.</summary>
    internal static ECPoint Generator => s_parameters.G;

    /// <summary>The point M that party A blinds its share with.</summary>
    internal static ECPoint M => s_m;

    /// <summary>The point N that party B blinds its share with.</summary>
    internal static ECPoint N => s_n;

    /// <summary>
    /// Checks once, at first use, that the backend agrees with the constants: the curve's order, M and N on the curve,
    /// and one known answer from RFC 9382 appendix B (pA from w and x).
    /// </summary>
    public static void EnsureSelfTested()
    {
        if (s_selfTested)
        {
            return;
        }

        SelfTest();
        s_selfTested = true;
    }

    /// <summary>Whether <paramref name="scalar"/> is 32 big-endian bytes encoding an integer in [1, p).</summary>
    public static bool IsValidScalar(ReadOnlySpan<byte> scalar) =>
        scalar.Length == ScalarLength
        && scalar.SequenceCompareTo(Order) < 0
        && scalar.ContainsAnyExcept((byte)0);

    /// <summary>Fills <paramref name="scalar"/> with an integer uniform in [1, p), by rejection sampling.</summary>
    public static void GenerateScalar(Span<byte> scalar)
    {
        Debug.Assert(scalar.Length == ScalarLength);

        // p is within 2^-32 of 2^256, so a draw is rejected about once in four billion tries.
        do
        {
            RandomNumberGenerator.Fill(scalar);
        }
        while (!IsValidScalar(scalar));
    }

    /// <summary>Writes <paramref name="wide"/> (a big-endian integer, normally 48 bytes or more) modulo p as a 32-byte scalar.</summary>
    public static void ReduceScalar(ReadOnlySpan<byte> wide, Span<byte> scalar)
    {
        Debug.Assert(scalar.Length == ScalarLength);
        BigInteger reduced = new BigInteger(1, wide).Mod(s_parameters.N);
        BigIntegers.AsUnsignedByteArray(reduced, scalar);
    }

    /// <summary>Writes the share of <paramref name="role"/>: pA = w*M + x*P or pB = w*N + y*P, uncompressed.</summary>
    public static void ComputeShare(Spake2Role role, ReadOnlySpan<byte> w, ReadOnlySpan<byte> ephemeral, Span<byte> share)
    {
        Debug.Assert(IsValidScalar(w) && IsValidScalar(ephemeral));
        Debug.Assert(share.Length == ElementLength);

        ECPoint blind = role == Spake2Role.A ? s_m : s_n;
        ECPoint result = Multiply(blind, w).Add(Multiply(s_parameters.G, ephemeral)).Normalize();

        // x*P is never -w*M except with negligible probability, but an identity share would not be encodable.
        if (result.IsInfinity)
        {
            throw new CryptographicException("The SPAKE2 share came out as the identity; draw a new ephemeral scalar.");
        }

        result.EncodeTo(false, share);
    }

    /// <summary>
    /// Validates the peer's share and writes K = h*e*(peerShare - w*Mpeer) uncompressed, where Mpeer is N when
    /// <paramref name="role"/> is A (the peer is B) and M otherwise.
    /// </summary>
    /// <exception cref="TigressProtocolException">The share is not a valid point, or it or K is the identity.</exception>
    public static void ComputeSharedPoint(Spake2Role role, ReadOnlySpan<byte> w, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> peerShare, Span<byte> sharedPoint)
    {
        Debug.Assert(IsValidScalar(w) && IsValidScalar(ephemeral));
        Debug.Assert(sharedPoint.Length == ElementLength);

        ECPoint peer = DecodeShare(peerShare);
        ECPoint peerBlind = role == Spake2Role.A ? s_n : s_m;
        ECPoint unblinded = peer.Subtract(Multiply(peerBlind, w)).Normalize();

        // P-256 has cofactor 1, so h*e*Q is e*Q. Q is the identity only for a share of exactly w*N (or w*M), and then
        // so is K: stop before multiplying, the comb has no use for the identity.
        if (unblinded.IsInfinity)
        {
            throw Error.Protocol(PakeErrorCodes.IdentitySharedPoint, "The SPAKE2 shared element is the identity.");
        }

        ECPoint k = Multiply(unblinded, ephemeral).Normalize();
        if (k.IsInfinity)
        {
            throw Error.Protocol(PakeErrorCodes.IdentitySharedPoint, "The SPAKE2 shared element is the identity.");
        }

        k.EncodeTo(false, sharedPoint);
    }

    /// <summary>Decodes a peer's share, accepting only a 65-byte uncompressed point on P-256 other than the identity.</summary>
    /// <exception cref="TigressProtocolException">The share is malformed (<see cref="PakeErrorCodes.InvalidShare"/>) or the identity (<see cref="PakeErrorCodes.IdentityShare"/>).</exception>
    public static ECPoint DecodeShare(ReadOnlySpan<byte> share)
    {
        // SEC1 encodes the identity as the single byte 0x00; name it rather than calling it a wrong length.
        if (share.Length == 1 && share[0] == InfinityEncoding)
        {
            throw Error.Protocol(PakeErrorCodes.IdentityShare, "The SPAKE2 share is the point at infinity.");
        }

        // Only the uncompressed form: the transcript hashes the share as received, so one point must have one encoding.
        if (share.Length != ElementLength || share[0] != UncompressedPrefix)
        {
            throw Error.Protocol(PakeErrorCodes.InvalidShare, $"A SPAKE2 share is a {ElementLength}-byte uncompressed P-256 point.");
        }

        ECPoint point;
        try
        {
            // BouncyCastle rejects coordinates of p or more and points off the curve with an ArgumentException.
            point = s_parameters.Curve.DecodePoint(share);
        }
        catch (ArgumentException ex)
        {
            throw new TigressProtocolException(PakeErrorCodes.InvalidShare, "The SPAKE2 share is not a point on P-256.", ex);
        }

        // Decoding validated the point already; ask again so a future backend that decodes lazily cannot slip one through.
        if (point.IsInfinity || !point.IsValid())
        {
            throw Error.Protocol(PakeErrorCodes.InvalidShare, "The SPAKE2 share is not a point on P-256.");
        }

        return point;
    }

    private static ECPoint Multiply(ECPoint point, ReadOnlySpan<byte> scalar) =>
        s_multiplier.Multiply(point, new BigInteger(1, scalar));

    private static void SelfTest()
    {
        Span<byte> order = stackalloc byte[ScalarLength];
        BigIntegers.AsUnsignedByteArray(s_parameters.N, order);
        bool ok = order.SequenceEqual(Order)
            && s_parameters.H.Equals(BigInteger.One)
            && IsPrimeOrderPoint(s_m)
            && IsPrimeOrderPoint(s_n)
            && !s_m.Equals(s_n);

        if (ok)
        {
            // RFC 9382 appendix B, first vector (A = "server", B = "client"): pA from w and x.
            Span<byte> share = stackalloc byte[ElementLength];
            ComputeShare(
                Spake2Role.A,
                Convert.FromHexString("2ee57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f"),
                Convert.FromHexString("43dd0fd7215bdcb482879fca3220c6a968e66d70b1356cac18bb26c84a78d729"),
                share);
            ok = share.SequenceEqual(Convert.FromHexString(
                "04a56fa807caaa53a4d28dbb9853b9815c61a411118a6fe516a8798434751470f9010153ac33d0d5f2047ffdb1a3e42c9b4e6be662766e1eeb4116988ede5f912c"));
        }

        if (!ok)
        {
            throw new CryptographicException("The SPAKE2 self-test failed: the elliptic-curve backend disagrees with RFC 9382.");
        }
    }

    private static bool IsPrimeOrderPoint(ECPoint point) =>
        !point.IsInfinity
        && point.IsValid()
        && ECAlgorithms.ReferenceMultiply(point, s_parameters.N).IsInfinity;
}

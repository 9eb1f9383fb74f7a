using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Multiplier;
using BigInteger = Org.BouncyCastle.Math.BigInteger;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Tigress.Protocol.Pake;

//
//  RFC 9497 (OPRF), mode OPRF (0x00), ciphersuite P256-SHA256 (section 4.3), as docs/protocol.md section 12.6 uses it
//
//      client:  blindedElement   = blind * HashToGroup(input)
//      server:  evaluatedElement = k * blindedElement
//      client:  output = Finalize(input, blind^-1 * evaluatedElement)
//      direct:  output = Finalize(input, k * HashToGroup(input))            (section 3.3.1, the server's Evaluate)
//
//      Finalize(input, N) = SHA-256(I2OSP(len(input), 2) || input || I2OSP(len(N), 2) || N || "Finalize")
//
//      | Item          | Value                                                                           |
//      | ------------- | ------------------------------------------------------------------------------- |
//      | contextString | "OPRFV1-" || 0x00 || "-P256-SHA256"                                             |
//      | HashToGroup   | RFC 9380 P256_XMD:SHA-256_SSWU_RO_, DST = "HashToGroup-" || contextString        |
//      | HashToScalar  | expand_message_xmd SHA-256, L = 48, DST = "HashToScalar-" || contextString       |
//      | elements      | 33-byte compressed SEC1; the identity is never accepted nor produced            |
//      | scalars       | 32 bytes big-endian; a key is in [1, n)                                        |
//      | input         | 0 to 65535 bytes (its length is a 2-byte prefix in Finalize)                    |
//
//  Multiplications by a secret scalar (the key, the blind, its inverse) use BouncyCastle's fixed-point comb, the
//  most regular multiplier it has (see Spake2Group); the inverse of the blind uses its constant-time modular inverse.
//

/// <summary>
/// The RFC 9497 oblivious pseudorandom function over P-256 with SHA-256 (mode OPRF): key generation, the server's
/// blind evaluation, and the direct evaluation by whoever holds the key.
/// </summary>
/// <remarks>The client's side is <see cref="OprfBlind"/>.</remarks>
public static class P256Oprf
{
    /// <summary>The length of an element: a compressed SEC1 point.</summary>
    public const int ElementLength = 33;

    /// <summary>The length of a scalar, and so of a key: 32 bytes big-endian.</summary>
    public const int ScalarLength = 32;

    /// <summary>The length of the OPRF output: a SHA-256 hash.</summary>
    public const int OutputLength = 32;

    /// <summary>The longest input the OPRF accepts: its length goes into a 2-byte prefix.</summary>
    public const int MaxInputLength = ushort.MaxValue;

    private static readonly FixedPointCombMultiplier s_multiplier = new();
    private static volatile bool s_selfTested;

    // contextString = "OPRFV1-" || I2OSP(mode = 0x00, 1) || "-" || "P256-SHA256"
    private static ReadOnlySpan<byte> HashToGroupDst => "HashToGroup-OPRFV1-\0-P256-SHA256"u8;

    private static ReadOnlySpan<byte> DeriveKeyPairDst => "DeriveKeyPairOPRFV1-\0-P256-SHA256"u8;

    private static ReadOnlySpan<byte> FinalizeLabel => "Finalize"u8;

    /// <summary>A new key: a scalar uniform in [1, n) from a CSPRNG, 32 bytes big-endian.</summary>
    public static byte[] GenerateKey()
    {
        byte[] key = new byte[ScalarLength];
        Spake2Group.GenerateScalar(key);
        return key;
    }

    /// <summary>Whether <paramref name="key"/> is 32 big-endian bytes encoding an integer in [1, n).</summary>
    public static bool IsValidKey(ReadOnlySpan<byte> key) => Spake2Group.IsValidScalar(key);

    /// <summary>
    /// The server's step: writes <paramref name="key"/> times <paramref name="blindedElement"/> to
    /// <paramref name="evaluatedElement"/>. Returns <see langword="false"/> (and writes nothing) when the blinded element
    /// is not a 33-byte compressed point on P-256 or is the identity.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not valid (<see cref="IsValidKey"/>), or <paramref name="evaluatedElement"/> is not <see cref="ElementLength"/> bytes.</exception>
    public static bool TryBlindEvaluate(ReadOnlySpan<byte> key, ReadOnlySpan<byte> blindedElement, Span<byte> evaluatedElement)
    {
        ThrowIfInvalidKey(key, nameof(key));
        if (evaluatedElement.Length != ElementLength)
        {
            throw Error.Argument_Length(nameof(evaluatedElement), ElementLength);
        }

        if (!TryDecodeElement(blindedElement, out ECPoint? point))
        {
            return false;
        }

        EnsureSelfTested();

        // The group has prime order and k is not 0, so k times a point other than the identity is not the identity.
        ECPoint evaluated = Multiply(point, key);
        Debug.Assert(!evaluated.IsInfinity);
        evaluated.EncodeTo(true, evaluatedElement);
        return true;
    }

    /// <summary>
    /// The OPRF's value at <paramref name="input"/> under <paramref name="key"/>, computed directly: the same 32 bytes a
    /// client gets from <see cref="OprfBlind"/> after the server's <see cref="TryBlindEvaluate"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not valid, or the input is longer than <see cref="MaxInputLength"/>.</exception>
    public static byte[] Evaluate(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input)
    {
        ThrowIfInvalidKey(key, nameof(key));
        ThrowIfInvalidInput(input, nameof(input));
        EnsureSelfTested();
        return EvaluateCore(key, input);
    }

    private static byte[] EvaluateCore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input)
    {
        ECPoint unblinded = Multiply(HashToGroup(input), key);
        Span<byte> encoded = stackalloc byte[ElementLength];
        byte[] output = new byte[OutputLength];
        try
        {
            unblinded.EncodeTo(true, encoded);
            Finalize(input, encoded, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }

        return output;
    }

    /// <summary>DeriveKeyPair (RFC 9497 section 3.2.1): the private key derived from a 32-byte seed and an info string.</summary>
    internal static byte[] DeriveKey(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> info)
    {
        Debug.Assert(seed.Length == ScalarLength && info.Length <= ushort.MaxValue);

        // deriveInput || I2OSP(counter, 1), where deriveInput = seed || I2OSP(len(info), 2) || info
        byte[] message = new byte[seed.Length + sizeof(ushort) + info.Length + sizeof(byte)];
        byte[] key = new byte[ScalarLength];
        try
        {
            seed.CopyTo(message);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(seed.Length), (ushort)info.Length);
            info.CopyTo(message.AsSpan(seed.Length + sizeof(ushort)));
            for (int counter = 0; counter <= byte.MaxValue; counter++)
            {
                message[^1] = (byte)counter;
                P256HashToCurve.HashToScalar(message, DeriveKeyPairDst, key);
                if (key.AsSpan().ContainsAnyExcept((byte)0))
                {
                    return key;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }

        throw new CryptographicException("DeriveKeyPair produced 256 zero scalars.");
    }

    /// <summary>HashToGroup: RFC 9380 hash_to_curve with this suite's domain separation tag.</summary>
    /// <exception cref="CryptographicException">The hash is the identity (probability about 2^-256).</exception>
    internal static ECPoint HashToGroup(ReadOnlySpan<byte> input)
    {
        ECPoint point = P256HashToCurve.HashToCurve(input, HashToGroupDst);

        // Section 3.3.1 names this InvalidInputError; no input is known to reach it.
        if (point.IsInfinity)
        {
            throw new CryptographicException("The OPRF input hashes to the identity.");
        }

        return point;
    }

    /// <summary>Finalize's hash (RFC 9497 section 3.3.1) over the input and the unblinded element, into 32 bytes.</summary>
    internal static void Finalize(ReadOnlySpan<byte> input, ReadOnlySpan<byte> unblindedElement, Span<byte> output)
    {
        Debug.Assert(input.Length <= MaxInputLength && unblindedElement.Length == ElementLength && output.Length == OutputLength);

        Span<byte> length = stackalloc byte[sizeof(ushort)];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)input.Length);
        hash.AppendData(length);
        hash.AppendData(input);
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)unblindedElement.Length);
        hash.AppendData(length);
        hash.AppendData(unblindedElement);
        hash.AppendData(FinalizeLabel);
        hash.GetHashAndReset(output);
    }

    /// <summary>Decodes an element from a peer: 33 bytes, compressed, on the curve, not the identity.</summary>
    internal static bool TryDecodeElement(ReadOnlySpan<byte> element, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ECPoint? point)
    {
        point = null;

        // Only the compressed form, so one element has one encoding (DecodePoint would take 65 bytes too).
        if (element.Length != ElementLength || element[0] is not (0x02 or 0x03))
        {
            return false;
        }

        try
        {
            // BouncyCastle rejects an x of p or more, and an x with no point, with an ArgumentException.
            point = P256HashToCurve.Curve.DecodePoint(element);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (point.IsInfinity || !point.IsValid())
        {
            point = null;
            return false;
        }

        return true;
    }

    /// <summary>The point times a secret scalar (32 bytes, in [1, n)), normalised.</summary>
    internal static ECPoint Multiply(ECPoint point, ReadOnlySpan<byte> scalar) =>
        s_multiplier.Multiply(point, new BigInteger(1, scalar)).Normalize();

    /// <summary>The point times a secret scalar given as a BouncyCastle integer, normalised.</summary>
    internal static ECPoint Multiply(ECPoint point, BigInteger scalar) =>
        s_multiplier.Multiply(point, scalar).Normalize();

    internal static void ThrowIfInvalidInput(ReadOnlySpan<byte> input, string paramName)
    {
        if (input.Length > MaxInputLength)
        {
            throw Error.Argument_Invalid(paramName, $"An OPRF input is at most {MaxInputLength} bytes.");
        }
    }

    /// <summary>Checks once, at first use, that hash-to-curve and the key derivation agree with RFC 9497 appendix A.3.</summary>
    internal static void EnsureSelfTested()
    {
        if (s_selfTested)
        {
            return;
        }

        Spake2Group.EnsureSelfTested();

        // RFC 9497 appendix A.3.1: skSm from Seed and KeyInfo, then test vector 1's output for input 00.
        byte[] key = DeriveKey(
            Convert.FromHexString("a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3"),
            "test key"u8);
        bool ok = key.AsSpan().SequenceEqual(Convert.FromHexString("159749d750713afe245d2d39ccfaae8381c53ce92d098a9375ee70739c7ac0bf"))
            && EvaluateCore(key, [0x00]).AsSpan().SequenceEqual(
                Convert.FromHexString("a0b34de5fa4c5b6da07e72af73cc507cceeb48981b97b7285fc375345fe495dd"));
        if (!ok)
        {
            throw new CryptographicException("The OPRF self-test failed: hash-to-curve or the elliptic-curve backend disagrees with RFC 9497.");
        }

        s_selfTested = true;
    }

    private static void ThrowIfInvalidKey(ReadOnlySpan<byte> key, string paramName)
    {
        if (!IsValidKey(key))
        {
            throw Error.Argument_Invalid(paramName, $"An OPRF key is {ScalarLength} bytes encoding an integer from 1 to n - 1.");
        }
    }
}

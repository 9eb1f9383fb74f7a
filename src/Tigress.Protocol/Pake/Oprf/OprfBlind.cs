using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Utilities;
using BigInteger = Org.BouncyCastle.Math.BigInteger;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Tigress.Protocol.Pake;

//
//  The client's side of RFC 9497 mode OPRF (sections 3.3.1 Blind and Finalize), P256-SHA256
//
//      blind          uniform in [1, n)                        secret; cleared on Dispose
//      blindedElement = blind * HashToGroup(input)             33 bytes, sent to the server
//      output         = Finalize(input, blind^-1 * evaluatedElement)
//
//  The input (for this project, a PIN) is kept until Finalize, which hashes it again; it is cleared on Dispose too.
//

/// <summary>
/// One blinded OPRF input on the client: <see cref="BlindedElement"/> goes to the server, and
/// <see cref="TryFinalize"/> turns the server's answer into the OPRF output.
/// </summary>
public sealed class OprfBlind : IDisposable
{
    private readonly byte[] _input;
    private readonly byte[] _blind = GC.AllocateArray<byte>(P256Oprf.ScalarLength, pinned: true);
    private readonly byte[] _blindedElement = new byte[P256Oprf.ElementLength];
    private bool _disposed;

    private OprfBlind(ReadOnlySpan<byte> input, ReadOnlySpan<byte> blind)
    {
        _input = GC.AllocateArray<byte>(input.Length, pinned: true);
        input.CopyTo(_input);
        blind.CopyTo(_blind);

        ECPoint blinded = P256Oprf.Multiply(P256Oprf.HashToGroup(input), blind);
        Debug.Assert(!blinded.IsInfinity);
        blinded.EncodeTo(true, _blindedElement);
    }

    /// <summary>The element to send to the server: the blinded input, <see cref="P256Oprf.ElementLength"/> bytes.</summary>
    public ReadOnlySpan<byte> BlindedElement
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _blindedElement;
        }
    }

    /// <summary>Blinds <paramref name="input"/> with a fresh random blind; the input is copied.</summary>
    /// <exception cref="ArgumentException">The input is longer than <see cref="P256Oprf.MaxInputLength"/>.</exception>
    public static OprfBlind Create(ReadOnlySpan<byte> input)
    {
        P256Oprf.ThrowIfInvalidInput(input, nameof(input));
        Span<byte> blind = stackalloc byte[P256Oprf.ScalarLength];
        try
        {
            Spake2Group.GenerateScalar(blind);
            return Create(input, blind);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blind);
        }
    }

    /// <summary>Blinds <paramref name="input"/> with a given blind, for the RFC's test vectors.</summary>
    internal static OprfBlind Create(ReadOnlySpan<byte> input, ReadOnlySpan<byte> blind)
    {
        P256Oprf.ThrowIfInvalidInput(input, nameof(input));
        if (!Spake2Group.IsValidScalar(blind))
        {
            throw Error.Argument_Invalid(nameof(blind), "A blind is a scalar from 1 to n - 1.");
        }

        P256Oprf.EnsureSelfTested();
        return new OprfBlind(input, blind);
    }

    /// <summary>
    /// Unblinds the server's <paramref name="evaluatedElement"/> and writes the 32-byte OPRF output. Returns
    /// <see langword="false"/> (and writes nothing) when the element is not a compressed point on P-256 or is the identity.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is not <see cref="P256Oprf.OutputLength"/> bytes.</exception>
    public bool TryFinalize(ReadOnlySpan<byte> evaluatedElement, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length != P256Oprf.OutputLength)
        {
            throw Error.Argument_Length(nameof(output), P256Oprf.OutputLength);
        }

        if (!P256Oprf.TryDecodeElement(evaluatedElement, out ECPoint? evaluated))
        {
            return false;
        }

        // The constant-time inverse: the blind is secret, and the variable-time one would leak it through timing.
        BigInteger inverse = BigIntegers.ModOddInverse(P256HashToCurve.Order, new BigInteger(1, _blind));
        ECPoint unblinded = P256Oprf.Multiply(evaluated, inverse);
        Debug.Assert(!unblinded.IsInfinity);

        Span<byte> encoded = stackalloc byte[P256Oprf.ElementLength];
        try
        {
            unblinded.EncodeTo(true, encoded);
            P256Oprf.Finalize(_input, encoded, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }

        return true;
    }

    /// <summary>Clears the blind and the input.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_blind);
            CryptographicOperations.ZeroMemory(_input);
            _disposed = true;
        }
    }

    /// <summary>Names the type only; the blind and the input are never printed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "OprfBlind(P256-SHA256)";
}

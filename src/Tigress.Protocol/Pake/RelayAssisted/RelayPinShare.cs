using System.ComponentModel;
using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

/// <summary>
/// The initiator's keys for a relay-assisted PIN share (docs/protocol.md section 12.6): a fresh OPRF key and the
/// verifier for the relay, and the session key that seals every message. It owns its buffers and clears them on
/// <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// To keep a transfer's state across restarts, store <see cref="PinSessionCipher.ExportKey"/> and later use
/// <see cref="PinSessionCipher.Import(ReadOnlySpan{byte})"/>; the OPRF key and the verifier are needed only for the create request.
/// </remarks>
public sealed class RelayPinShare : IDisposable
{
    private readonly byte[] _oprfKey = GC.AllocateArray<byte>(P256Oprf.ScalarLength, pinned: true);
    private readonly byte[] _verifier = new byte[RelayPin.ProofLength];
    private readonly byte[] _sessionKey = GC.AllocateArray<byte>(PinSessionCipher.KeyLength, pinned: true);
    private bool _disposed;

    private RelayPinShare()
    {
    }

    /// <summary>The verifier for the create request's <c>pinProtection</c>: SHA-256 of the proof key, 32 bytes.</summary>
    public ReadOnlySpan<byte> Verifier
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _verifier;
        }
    }

    /// <summary>Draws a new OPRF key and derives the verifier and session key for <paramref name="pin"/> and the link's secret.</summary>
    /// <param name="pin">The PIN in normal form (<see cref="Pin.IsValid"/>); see <see cref="RelayPin.IsAllowed"/> for its length.</param>
    /// <param name="secret">The share key from the link, 16 or 32 bytes.</param>
    /// <exception cref="ArgumentException">The PIN is not in normal form, or the secret has the wrong length.</exception>
    public static RelayPinShare Create(ReadOnlySpan<char> pin, ReadOnlySpan<byte> secret)
    {
        Span<byte> oprfKey = stackalloc byte[P256Oprf.ScalarLength];
        try
        {
            Spake2Group.GenerateScalar(oprfKey);
            return Create(pin, secret, oprfKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(oprfKey);
        }
    }

    /// <summary>As <see cref="Create(ReadOnlySpan{char}, ReadOnlySpan{byte})"/> with a given OPRF key, for known answers.</summary>
    internal static RelayPinShare Create(ReadOnlySpan<char> pin, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> oprfKey)
    {
        RelayPinKeySchedule.ThrowIfInvalidPin(pin, nameof(pin));
        RelayPinKeySchedule.ThrowIfInvalidSecret(secret, nameof(secret));
        if (!P256Oprf.IsValidKey(oprfKey))
        {
            throw Error.Argument_Invalid(nameof(oprfKey), "An OPRF key is a scalar from 1 to n - 1.");
        }

        var share = new RelayPinShare();
        oprfKey.CopyTo(share._oprfKey);

        Span<byte> input = stackalloc byte[Pin.MaximumLength];
        Span<byte> proofKey = stackalloc byte[RelayPin.ProofLength];
        byte[]? y = null;
        try
        {
            int length = RelayPinKeySchedule.WritePinBytes(pin, input);
            y = P256Oprf.Evaluate(oprfKey, input[..length]);
            RelayPinKeySchedule.Derive(y, secret, proofKey, share._sessionKey);
            RelayPinKeySchedule.ComputeVerifier(proofKey, share._verifier);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(proofKey);
            CryptographicOperations.ZeroMemory(y);
        }

        return share;
    }

    /// <summary>The OPRF key for the create request's <c>pinProtection</c>, 32 bytes; the caller should clear it once sent.</summary>
    public byte[] ExportOprfKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[] key = GC.AllocateArray<byte>(P256Oprf.ScalarLength, pinned: true);
        _oprfKey.CopyTo(key);
        return key;
    }

    /// <summary>A cipher under the session key Ks, for every message of the share (section 12.5's session layer).</summary>
    public PinSessionCipher CreateSessionCipher()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PinSessionCipher.Import(_sessionKey);
    }

    /// <summary>Clears the OPRF key, the verifier and the session key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_oprfKey);
            CryptographicOperations.ZeroMemory(_verifier);
            CryptographicOperations.ZeroMemory(_sessionKey);
            _disposed = true;
        }
    }

    /// <summary>Names the type only; no key is ever printed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "RelayPinShare(P256-SHA256)";
}

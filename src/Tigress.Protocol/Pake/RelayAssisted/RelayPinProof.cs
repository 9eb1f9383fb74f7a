using System.ComponentModel;
using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

/// <summary>
/// What a recipient derives from a PIN guess: the proof to claim the mailbox with, and the session key that opens the
/// share if the relay accepts the proof. It owns both and clears them on <see cref="Dispose"/>.
/// </summary>
public sealed class RelayPinProof : IDisposable
{
    private readonly byte[] _proofKey = GC.AllocateArray<byte>(RelayPin.ProofLength, pinned: true);
    private readonly byte[] _sessionKey = GC.AllocateArray<byte>(PinSessionCipher.KeyLength, pinned: true);
    private bool _disposed;

    private RelayPinProof()
    {
    }

    /// <summary>The read request's <c>pinProof</c>: the proof key, <see cref="RelayPin.ProofLength"/> bytes.</summary>
    public ReadOnlySpan<byte> ProofKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _proofKey;
        }
    }

    /// <summary>A cipher under the session key Ks, for every message of the share (section 12.5's session layer).</summary>
    public PinSessionCipher CreateSessionCipher()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PinSessionCipher.Import(_sessionKey);
    }

    /// <summary>Clears the proof key and the session key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_proofKey);
            CryptographicOperations.ZeroMemory(_sessionKey);
            _disposed = true;
        }
    }

    /// <summary>Names the type only; the keys are never printed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "RelayPinProof";

    internal static RelayPinProof Derive(ReadOnlySpan<byte> y, ReadOnlySpan<byte> secret)
    {
        var proof = new RelayPinProof();
        RelayPinKeySchedule.Derive(y, secret, proof._proofKey, proof._sessionKey);
        return proof;
    }
}

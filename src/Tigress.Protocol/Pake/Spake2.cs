using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Tigress.Protocol.Pake;

//
//  SPAKE2 with key confirmation (RFC 9382), ciphersuite SPAKE2-P256-SHA256-HKDF-HMAC; docs/protocol.md section 12
//
//      A (initiator)                                        B (recipient)
//      a = Spake2.CreateA(w, idA, idB)                      b = Spake2.CreateB(w, idA, idB)
//      pA = a.GetShare()                 ---- pA ---->      cB = b.Finish(pA); pB = b.GetShare()
//      cA = a.Finish(pB); a.Verify(cB)   <-- pB, cB --
//                                        ---- cA ---->      b.Verify(cA)
//      a.ExportSharedKey() == b.ExportSharedKey() == Ke
//
//      | State                       | Allowed calls                                   | Leaves for                     |
//      | --------------------------- | ----------------------------------------------- | ------------------------------ |
//      | awaiting the peer's share   | GetShare, Finish                                | awaiting confirmation, failed  |
//      | awaiting the confirmation   | GetShare, Verify                                | verified, failed               |
//      | verified                    | GetShare, ExportSharedKey, DeriveSessionKey     |                                |
//      | failed                      | GetShare                                        |                                |
//
//  Any other call throws InvalidOperationException; Dispose is allowed everywhere. A run never restarts: a bad share, a
//  malformed or wrong confirmation each end it, so whoever holds the invitation gets exactly one guess at the PIN.
//
//  Secret lifetimes: w and the ephemeral scalar (x or y) are cleared as soon as Finish has used them; K, TT, Ka, KcA and
//  KcB never outlive Finish; the expected peer confirmation is cleared by Verify; Ke by a failed Verify or Dispose.
//  Every secret buffer sits on the pinned object heap, so the garbage collector never leaves a moved copy behind.
//

/// <summary>
/// One party of a SPAKE2 run (RFC 9382, P-256, SHA-256, HKDF, HMAC) with key confirmation: the PAKE that lets a PIN
/// protect a share whose invitation travelled over an insecure channel. The shared key is released only after the
/// peer's confirmation has been checked. Not thread-safe; dispose it to clear what it holds.
/// </summary>
internal sealed class Spake2 : IDisposable
{
    /// <summary>The length of the password scalar w: 32 bytes, big-endian, in [1, p) where p is the order of P-256.</summary>
    public const int ScalarLength = Spake2Group.ScalarLength;

    /// <summary>The length of a share (pA or pB), an uncompressed SEC1 point on P-256.</summary>
    public const int ShareLength = Spake2Group.ElementLength;

    /// <summary>The length of a key confirmation message (cA or cB), an HMAC-SHA256 output.</summary>
    public const int ConfirmationLength = Spake2KeySchedule.ConfirmationLength;

    /// <summary>The length of the shared key Ke, half of a SHA-256 output.</summary>
    public const int SharedKeyLength = Spake2KeySchedule.KeyLength;

    private readonly byte[] _identityA;
    private readonly byte[] _identityB;
    private readonly byte[] _aad;
    private readonly byte[] _share = new byte[ShareLength];

    // Secrets: pinned so a compacting GC cannot leave copies behind, cleared as soon as they are spent.
    private readonly byte[] _w = GC.AllocateArray<byte>(ScalarLength, pinned: true);
    private readonly byte[] _ephemeral = GC.AllocateArray<byte>(ScalarLength, pinned: true);
    private readonly byte[] _expectedPeerConfirmation = GC.AllocateArray<byte>(ConfirmationLength, pinned: true);
    private readonly byte[] _sharedKey = GC.AllocateArray<byte>(SharedKeyLength, pinned: true);

    private State _state;

    private Spake2(Spake2Role role, ReadOnlySpan<byte> w, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> identityA, ReadOnlySpan<byte> identityB, ReadOnlySpan<byte> aad)
    {
        Debug.Assert(Spake2Group.IsValidScalar(w));
        Role = role;
        _identityA = identityA.ToArray();
        _identityB = identityB.ToArray();
        _aad = aad.ToArray();
        w.CopyTo(_w);

        if (ephemeral.IsEmpty)
        {
            Spake2Group.GenerateScalar(_ephemeral);
        }
        else
        {
            Debug.Assert(Spake2Group.IsValidScalar(ephemeral));
            ephemeral.CopyTo(_ephemeral);
        }

        Spake2Group.ComputeShare(role, _w, _ephemeral, _share);
        _state = State.AwaitingShare;
    }

    private enum State
    {
        AwaitingShare,
        AwaitingConfirmation,
        Verified,
        Failed,
        Disposed,
    }

    /// <summary>Which side of the run this party plays.</summary>
    public Spake2Role Role { get; }

    /// <summary>Whether the peer's confirmation has been verified, so the shared key is available.</summary>
    public bool IsVerified => _state == State.Verified;

    /// <summary>Starts a run as party A, which blinds its share with M; in a PIN share this is the initiator.</summary>
    /// <param name="w">The password scalar, <see cref="ScalarLength"/> bytes big-endian in [1, p); see <see cref="PinKey"/>. The party keeps its own copy.</param>
    /// <param name="identityA">A's identity as both sides know it; empty only where identities are implicit.</param>
    /// <param name="identityB">B's identity as both sides know it; empty only where identities are implicit.</param>
    /// <param name="aad">Associated data bound into the confirmation keys; both sides must pass the same bytes.</param>
    public static Spake2 CreateA(ReadOnlySpan<byte> w, ReadOnlySpan<byte> identityA, ReadOnlySpan<byte> identityB, ReadOnlySpan<byte> aad = default) =>
        Create(Spake2Role.A, w, default, identityA, identityB, aad);

    /// <summary>Starts a run as party B, which blinds its share with N; in a PIN share this is the recipient.</summary>
    /// <param name="w">The password scalar, <see cref="ScalarLength"/> bytes big-endian in [1, p); see <see cref="PinKey"/>. The party keeps its own copy.</param>
    /// <param name="identityA">A's identity as both sides know it; empty only where identities are implicit.</param>
    /// <param name="identityB">B's identity as both sides know it; empty only where identities are implicit.</param>
    /// <param name="aad">Associated data bound into the confirmation keys; both sides must pass the same bytes.</param>
    public static Spake2 CreateB(ReadOnlySpan<byte> w, ReadOnlySpan<byte> identityA, ReadOnlySpan<byte> identityB, ReadOnlySpan<byte> aad = default) =>
        Create(Spake2Role.B, w, default, identityA, identityB, aad);

    /// <summary>Starts a run with a given ephemeral scalar (x or y); for known-answer tests only, since reuse reveals w.</summary>
    internal static Spake2 CreateWithEphemeral(Spake2Role role, ReadOnlySpan<byte> w, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> identityA, ReadOnlySpan<byte> identityB, ReadOnlySpan<byte> aad = default)
    {
        if (!Spake2Group.IsValidScalar(ephemeral))
        {
            throw Error.Argument_Invalid(nameof(ephemeral), $"An ephemeral scalar is {ScalarLength} big-endian bytes in [1, p).");
        }

        return Create(role, w, ephemeral, identityA, identityB, aad);
    }

    /// <summary>This party's share, pA or pB, to send to the peer; available until the party is disposed.</summary>
    public byte[] GetShare()
    {
        byte[] share = new byte[ShareLength];
        GetShare(share);
        return share;
    }

    /// <summary>Writes this party's share into <paramref name="destination"/>, which must be <see cref="ShareLength"/> bytes.</summary>
    public void GetShare(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
        if (destination.Length != ShareLength)
        {
            throw Error.Argument_Length(nameof(destination), ShareLength);
        }

        _share.CopyTo(destination);
    }

    /// <summary>
    /// Takes the peer's share, derives the transcript and keys, and returns this party's confirmation (cA or cB) to send.
    /// The password and ephemeral scalars are cleared afterwards.
    /// </summary>
    /// <exception cref="TigressProtocolException">The peer's share is not a valid P-256 point, or it or the shared element is the identity (<see cref="PakeErrorCodes"/>); the run has failed.</exception>
    /// <exception cref="InvalidOperationException">The party has already finished, or failed.</exception>
    public byte[] Finish(ReadOnlySpan<byte> peerShare)
    {
        byte[] confirmation = new byte[ConfirmationLength];
        Finish(peerShare, confirmation);
        return confirmation;
    }

    /// <summary>Like <see cref="Finish(ReadOnlySpan{byte})"/>, writing the confirmation into a <see cref="ConfirmationLength"/>-byte buffer.</summary>
    /// <exception cref="TigressProtocolException">The peer's share is not a valid P-256 point, or it or the shared element is the identity (<see cref="PakeErrorCodes"/>); the run has failed.</exception>
    /// <exception cref="InvalidOperationException">The party has already finished, or failed.</exception>
    public void Finish(ReadOnlySpan<byte> peerShare, Span<byte> confirmation)
    {
        ThrowIfNotIn(State.AwaitingShare, nameof(Finish));
        if (confirmation.Length != ConfirmationLength)
        {
            throw Error.Argument_Length(nameof(confirmation), ConfirmationLength);
        }

        if (peerShare.Overlaps(confirmation))
        {
            throw Error.Argument_Overlap(nameof(confirmation));
        }

        byte[] sharedPoint = GC.AllocateArray<byte>(Spake2Group.ElementLength, pinned: true);
        byte[] transcript = GC.AllocateArray<byte>(Spake2KeySchedule.GetTranscriptLength(_identityA.Length, _identityB.Length), pinned: true);
        Span<byte> keys = stackalloc byte[(2 * Spake2KeySchedule.KeyLength) + (2 * Spake2KeySchedule.ConfirmationKeyLength)];
        Span<byte> ke = keys[..Spake2KeySchedule.KeyLength];
        Span<byte> ka = keys.Slice(Spake2KeySchedule.KeyLength, Spake2KeySchedule.KeyLength);
        Span<byte> kcA = keys.Slice(2 * Spake2KeySchedule.KeyLength, Spake2KeySchedule.ConfirmationKeyLength);
        Span<byte> kcB = keys[((2 * Spake2KeySchedule.KeyLength) + Spake2KeySchedule.ConfirmationKeyLength)..];
        bool finished = false;
        try
        {
            Spake2Group.ComputeSharedPoint(Role, _w, _ephemeral, peerShare, sharedPoint);

            // TT always lists A's share before B's, whichever side computes it.
            ReadOnlySpan<byte> shareA = Role == Spake2Role.A ? _share : peerShare;
            ReadOnlySpan<byte> shareB = Role == Spake2Role.A ? peerShare : _share;
            int written = Spake2KeySchedule.WriteTranscript(_identityA, _identityB, shareA, shareB, sharedPoint, _w, transcript);
            Debug.Assert(written == transcript.Length);

            Spake2KeySchedule.DeriveKeys(transcript, _aad, ke, ka, kcA, kcB);
            Spake2KeySchedule.ComputeConfirmation(Role == Spake2Role.A ? kcA : kcB, transcript, confirmation);
            Spake2KeySchedule.ComputeConfirmation(Role == Spake2Role.A ? kcB : kcA, transcript, _expectedPeerConfirmation);
            ke.CopyTo(_sharedKey);
            finished = true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedPoint);
            CryptographicOperations.ZeroMemory(transcript);
            CryptographicOperations.ZeroMemory(keys);
            CryptographicOperations.ZeroMemory(_w);
            CryptographicOperations.ZeroMemory(_ephemeral);

            if (finished)
            {
                _state = State.AwaitingConfirmation;
            }
            else
            {
                CryptographicOperations.ZeroMemory(confirmation);
                Fail();
            }
        }
    }

    /// <summary>
    /// Checks the peer's confirmation (cB for A, cA for B) in constant time. Returns <see langword="false"/> when it does
    /// not match, which means the peer used another password or the exchange was tampered with; the run has then failed.
    /// </summary>
    /// <exception cref="TigressProtocolException">The confirmation is not <see cref="ConfirmationLength"/> bytes (<see cref="PakeErrorCodes.MalformedConfirmation"/>); the run has failed.</exception>
    /// <exception cref="InvalidOperationException">The party has not finished yet, or has already verified or failed.</exception>
    public bool Verify(ReadOnlySpan<byte> peerConfirmation)
    {
        ThrowIfNotIn(State.AwaitingConfirmation, nameof(Verify));
        if (peerConfirmation.Length != ConfirmationLength)
        {
            Fail();
            throw Error.Protocol(PakeErrorCodes.MalformedConfirmation, $"A SPAKE2 key confirmation is {ConfirmationLength} bytes.");
        }

        bool matches = CryptographicOperations.FixedTimeEquals(peerConfirmation, _expectedPeerConfirmation);
        CryptographicOperations.ZeroMemory(_expectedPeerConfirmation);
        if (!matches)
        {
            Fail();
            return false;
        }

        _state = State.Verified;
        return true;
    }

    /// <summary>The shared key Ke, <see cref="SharedKeyLength"/> bytes; prefer <see cref="DeriveSessionKey(ReadOnlySpan{byte}, Span{byte})"/> for a PIN share.</summary>
    /// <exception cref="InvalidOperationException">The peer's confirmation has not been verified.</exception>
    public byte[] ExportSharedKey()
    {
        byte[] key = new byte[SharedKeyLength];
        ExportSharedKey(key);
        return key;
    }

    /// <summary>Writes the shared key Ke into a <see cref="SharedKeyLength"/>-byte buffer.</summary>
    /// <exception cref="InvalidOperationException">The peer's confirmation has not been verified.</exception>
    public void ExportSharedKey(Span<byte> destination)
    {
        ThrowIfNotIn(State.Verified, nameof(ExportSharedKey));
        if (destination.Length != SharedKeyLength)
        {
            throw Error.Argument_Length(nameof(destination), SharedKeyLength);
        }

        _sharedKey.CopyTo(destination);
    }

    /// <summary>
    /// The key for every message after a successful PIN exchange, from the invitation's secret and Ke; see
    /// <see cref="PinSessionKey"/> for the construction.
    /// </summary>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R.</param>
    /// <param name="length">The key length in bytes, from <see cref="PinSessionKey.MinimumLength"/> to <see cref="PinSessionKey.MaximumLength"/>.</param>
    /// <exception cref="InvalidOperationException">The peer's confirmation has not been verified.</exception>
    public byte[] DeriveSessionKey(ReadOnlySpan<byte> invitationSecret, int length)
    {
        PinSessionKey.ThrowIfInvalidLength(length, nameof(length));
        byte[] key = new byte[length];
        DeriveSessionKey(invitationSecret, key);
        return key;
    }

    /// <summary>Writes the session key of <see cref="DeriveSessionKey(ReadOnlySpan{byte}, int)"/> into <paramref name="destination"/>, whose length is the key length.</summary>
    /// <exception cref="InvalidOperationException">The peer's confirmation has not been verified.</exception>
    public void DeriveSessionKey(ReadOnlySpan<byte> invitationSecret, Span<byte> destination)
    {
        ThrowIfNotIn(State.Verified, nameof(DeriveSessionKey));
        PinSessionKey.Derive(invitationSecret, _sharedKey, destination);
    }

    /// <summary>Clears every secret the party still holds.</summary>
    public void Dispose()
    {
        if (_state != State.Disposed)
        {
            ClearSecrets();
            CryptographicOperations.ZeroMemory(_sharedKey);
            _state = State.Disposed;
        }
    }

    /// <summary>Names the party and its state; never any key material.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"SPAKE2 party {Role}, {Describe(_state)}";

    private static Spake2 Create(Spake2Role role, ReadOnlySpan<byte> w, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> identityA, ReadOnlySpan<byte> identityB, ReadOnlySpan<byte> aad)
    {
        if (!Spake2Group.IsValidScalar(w))
        {
            throw Error.Argument_Invalid(nameof(w), $"The password scalar is {ScalarLength} big-endian bytes in [1, p); derive it with PinKey.");
        }

        Spake2Group.EnsureSelfTested();
        return new Spake2(role, w, ephemeral, identityA, identityB, aad);
    }

    private static string Describe(State state) => state switch
    {
        State.AwaitingShare => "awaiting the peer's share",
        State.AwaitingConfirmation => "awaiting the peer's confirmation",
        State.Verified => "verified",
        State.Failed => "failed",
        _ => "disposed",
    };

    private void ThrowIfNotIn(State expected, string operation)
    {
        ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
        if (_state != expected)
        {
            throw Error.InvalidOperation_State(operation, Describe(_state));
        }
    }

    private void Fail()
    {
        ClearSecrets();
        CryptographicOperations.ZeroMemory(_sharedKey);
        _state = State.Failed;
    }

    private void ClearSecrets()
    {
        CryptographicOperations.ZeroMemory(_w);
        CryptographicOperations.ZeroMemory(_ephemeral);
        CryptographicOperations.ZeroMemory(_expectedPeerConfirmation);
    }
}

using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Tigress.Protocol.Pake.Messages;

namespace Tigress.Protocol.Pake;

//
//  The PIN exchange of a PIN-protected share (docs/protocol.md section 12), the same on both bindings
//
//      Initiator (SPAKE2 party A)                                   Recipient (party B)
//      w = PinKey(PIN, secret); x random; pA = w*M + x*P
//      i2r 0  tigress.pin.start   {pA}                  ------>     w = PinKey(PIN', secret); y random
//                                                                   cB = Finish(pA); pB = w*N + y*P
//             tigress.pin.answer  {pB, cB}              <------     r2i 0
//      cA = Finish(pB); Verify(cB)
//        wrong:  end the share (delete the mailbox / stop writing); no second answer is ever checked
//        right:  K = PinSessionKey(secret, Ke, 32)
//      i2r 1  tigress.pin.confirm {cA, K(first)}      ------>     Verify(cA), before anything else
//                                                                     wrong: stop; right: K, open the content
//      every later message: K(message), handed to the binding, which seals it under the secret as usual
//
//      | Step                     | Sealed under                      | Why                                            |
//      | ------------------------ | --------------------------------- | ---------------------------------------------- |
//      | i2r 0, r2i 0             | the secret (by the binding)       | the link holder sees only SPAKE2 shares, which |
//      |                          |                                   | test no PIN                                    |
//      | i2r 1                    | the secret (by the binding)       | B must check cA before it can derive K         |
//      | i2r 1's content, and     | K (PinSessionCipher), then the    | needs both the secret and Ke: the link alone   |
//      | every later message      | secret (by the binding)           | opens nothing                                  |
//
//  A wrong PIN costs the guesser the share: the initiator checks exactly one answer. Nothing in the transcript lets
//  anyone test a PIN offline: pA and pB are blinded by w, and the confirmations need K, which needs the ephemeral
//  scalars. The identities and the binding's associated data are fixed by PinBinding.
//

/// <summary>
/// The initiator's side of the PIN exchange: produces the start message with its SPAKE2 share, checks the recipient's
/// one answer, and once the PIN matched gives its confirmation and the PIN session key. Not thread-safe; dispose it to
/// clear what it holds.
/// </summary>
public sealed class PinInitiator : PinParty, IDisposable
{
    /// <summary>The length of <see cref="Export()"/>'s output: a two-byte header, then w and x.</summary>
    public const int ExportLength = PinHandshakeState.HeaderLength + Spake2.ScalarLength + Spake2.ScalarLength;

    private readonly byte[] _share = new byte[Spake2.ShareLength];

    // Secrets, pinned so a compacting GC leaves no copies, cleared once spent.
    private readonly byte[] _w = GC.AllocateArray<byte>(Spake2.ScalarLength, pinned: true);
    private readonly byte[] _ephemeral = GC.AllocateArray<byte>(Spake2.ScalarLength, pinned: true);
    private readonly byte[] _confirmation = GC.AllocateArray<byte>(Spake2.ConfirmationLength, pinned: true);

    private Spake2? _party;
    private State _state;

    private PinInitiator(ReadOnlySpan<byte> w, ReadOnlySpan<byte> ephemeral)
    {
        w.CopyTo(_w);
        if (ephemeral.IsEmpty)
        {
            Spake2Group.GenerateScalar(_ephemeral);
        }
        else
        {
            ephemeral.CopyTo(_ephemeral);
        }

        Spake2Group.ComputeShare(Spake2Role.A, _w, _ephemeral, _share);
        _state = State.AwaitingAnswer;
    }

    private enum State
    {
        AwaitingAnswer,
        Matched,
        Failed,
        Disposed,
    }

    /// <summary>Whether the recipient's answer has been checked and the PIN matched: the confirmation and the session key are available.</summary>
    public bool IsMatched => _state == State.Matched;

    /// <summary>Whether the exchange has failed (a wrong PIN or a malformed answer); it can never be tried again.</summary>
    public bool IsFailed => _state == State.Failed;

    /// <summary>Starts the exchange: derives w from the PIN and the invitation's secret (PBKDF2, some tens of milliseconds) and draws x.</summary>
    /// <param name="pin">The PIN in normal form (<see cref="Pin.Generate(int)"/> makes one).</param>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R.</param>
    public static PinInitiator Create(ReadOnlySpan<char> pin, ReadOnlySpan<byte> invitationSecret)
    {
        Spake2Group.EnsureSelfTested();
        Span<byte> w = stackalloc byte[Spake2.ScalarLength];
        try
        {
            PinKey.DeriveScalar(pin, invitationSecret, w);
            return new PinInitiator(w, default);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(w);
        }
    }

    /// <summary>Continues an exchange from the output of <see cref="Export()"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a stored initiator exchange awaiting its answer.</exception>
    public static PinInitiator Import(ReadOnlySpan<byte> state) =>
        TryImport(state, out var initiator) ? initiator : throw Error.Argument_Invalid(nameof(state), "This is not a stored PIN exchange of an initiator.");

    /// <summary>Continues an exchange from the output of <see cref="Export()"/>; false when the bytes are not one.</summary>
    public static bool TryImport(ReadOnlySpan<byte> state, [NotNullWhen(true)] out PinInitiator? initiator)
    {
        initiator = null;
        if (!PinHandshakeState.TryReadHeader(state, [PinHandshakeState.Phase.InitiatorAwaitingAnswer], out _, out var body))
        {
            return false;
        }

        var w = body[..Spake2.ScalarLength];
        var ephemeral = body[Spake2.ScalarLength..];
        if (!Spake2Group.IsValidScalar(w) || !Spake2Group.IsValidScalar(ephemeral))
        {
            return false;
        }

        Spake2Group.EnsureSelfTested();
        initiator = new PinInitiator(w, ephemeral);
        return true;
    }

    /// <summary>Message i2r 0: the initiator's share pA. The same every time it is asked for.</summary>
    public PinStartMessage CreateStartMessage()
    {
        ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
        return new PinStartMessage(_share);
    }

    /// <summary>The exchange's secrets (w and x) for storage until the answer comes; keep them as safe as the invitation.</summary>
    /// <exception cref="InvalidOperationException">The answer has already been checked: nothing remains to resume.</exception>
    public byte[] Export()
    {
        byte[] state = GC.AllocateArray<byte>(ExportLength, pinned: true);
        Export(state);
        return state;
    }

    /// <summary>Writes the stored form into an <see cref="ExportLength"/>-byte buffer.</summary>
    /// <exception cref="InvalidOperationException">The answer has already been checked: nothing remains to resume.</exception>
    public void Export(Span<byte> destination)
    {
        ThrowIfNotIn(State.AwaitingAnswer, nameof(Export));
        if (destination.Length != ExportLength)
        {
            throw Error.Argument_Length(nameof(destination), ExportLength);
        }

        var body = PinHandshakeState.WriteHeader(PinHandshakeState.Phase.InitiatorAwaitingAnswer, destination);
        _w.CopyTo(body);
        _ephemeral.CopyTo(body[Spake2.ScalarLength..]);
    }

    /// <summary>
    /// Checks the recipient's answer, the one guess this share allows. True when the PIN matched; false when it did not
    /// (or the exchange was tampered with), and then the exchange has failed for good: end the share.
    /// </summary>
    /// <param name="answer">Message r2i 0.</param>
    /// <param name="binding">Where this run happens; the recipient must have used the same.</param>
    /// <exception cref="TigressProtocolException">The answer's share is not a valid P-256 point (<see cref="PakeErrorCodes"/>); the exchange has failed for good.</exception>
    /// <exception cref="InvalidOperationException">An answer has already been checked.</exception>
    public bool TryAccept(PinAnswerMessage answer, PinBinding binding)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(binding);
        ThrowIfNotIn(State.AwaitingAnswer, nameof(TryAccept));

        // Failed unless proven otherwise: whatever happens below, this exchange never checks a second answer.
        _state = State.Failed;
        var party = Spake2.CreateWithEphemeral(Spake2Role.A, _w, _ephemeral, PinBinding.InitiatorIdentityBytes, PinBinding.RecipientIdentityBytes, binding.AssociatedData);
        try
        {
            CryptographicOperations.ZeroMemory(_w);
            CryptographicOperations.ZeroMemory(_ephemeral);
            party.Finish(answer.Share.Span, _confirmation);
            if (!party.Verify(answer.Confirmation.Span))
            {
                CryptographicOperations.ZeroMemory(_confirmation);
                party.Dispose();
                return false;
            }

            _party = party;
            _state = State.Matched;
            return true;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(_confirmation);
            party.Dispose();
            throw;
        }
    }

    /// <summary>Message i2r 1: the initiator's confirmation cA with the first content message, already sealed under the session key.</summary>
    /// <param name="sealedContent">The first content message, sealed by <see cref="PinParty.CreateSessionCipher"/>'s cipher as message i2r 1.</param>
    /// <exception cref="InvalidOperationException">The PIN has not matched.</exception>
    public PinConfirmMessage CreateConfirmMessage(ReadOnlySpan<byte> sealedContent)
    {
        ThrowIfNotIn(State.Matched, nameof(CreateConfirmMessage));
        return new PinConfirmMessage(_confirmation, sealedContent);
    }

    /// <summary>Clears every secret the exchange still holds.</summary>
    public void Dispose()
    {
        if (_state != State.Disposed)
        {
            CryptographicOperations.ZeroMemory(_w);
            CryptographicOperations.ZeroMemory(_ephemeral);
            CryptographicOperations.ZeroMemory(_confirmation);
            _party?.Dispose();
            _party = null;
            _state = State.Disposed;
        }
    }

    /// <summary>Names the side and its state; never any key material.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"PIN exchange (initiator), {_state switch
    {
        State.AwaitingAnswer => "awaiting the answer",
        State.Matched => "PIN matched",
        State.Failed => "failed",
        _ => "disposed",
    }}";

    private protected override Spake2 MatchedParty(string operation)
    {
        ThrowIfNotIn(State.Matched, operation);
        return _party!;
    }

    private void ThrowIfNotIn(State expected, string operation)
    {
        ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
        if (_state != expected)
        {
            throw new InvalidOperationException($"{operation} is not allowed now: {ToString()}.");
        }
    }
}

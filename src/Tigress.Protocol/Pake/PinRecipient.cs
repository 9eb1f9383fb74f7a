using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Tigress.Protocol.Pake.Messages;

namespace Tigress.Protocol.Pake;

/// <summary>
/// The recipient's side of the PIN exchange (see <see cref="PinInitiator"/> for the flow): answers the start message
/// with its SPAKE2 share and confirmation, checks the initiator's confirmation before anything else, and then gives the
/// PIN session key. Not thread-safe; dispose it to clear what it holds.
/// </summary>
public sealed class PinRecipient : PinParty, IDisposable
{
    private readonly PinBinding _binding;

    // Secrets, pinned so a compacting GC leaves no copies, cleared once spent.
    private readonly byte[] _w = GC.AllocateArray<byte>(Spake2.ScalarLength, pinned: true);
    private readonly byte[] _ephemeral = GC.AllocateArray<byte>(Spake2.ScalarLength, pinned: true);
    private readonly byte[] _peerShare = new byte[Spake2.ShareLength];

    private Spake2? _party;
    private State _state;

    private PinRecipient(ReadOnlySpan<byte> w, PinBinding binding)
    {
        _binding = binding;
        w.CopyTo(_w);
        _state = State.AwaitingStart;
    }

    private enum State
    {
        AwaitingStart,
        AwaitingConfirmation,
        Matched,
        Failed,
        Disposed,
    }

    /// <summary>Whether the answer has been produced and the initiator's confirmation is awaited.</summary>
    public bool IsAwaitingConfirmation => _state == State.AwaitingConfirmation;

    /// <summary>Whether the initiator's confirmation verified: the PIN matched and the session key is available.</summary>
    public bool IsMatched => _state == State.Matched;

    /// <summary>Whether the exchange has failed; it can never be tried again.</summary>
    public bool IsFailed => _state == State.Failed;

    /// <summary>The length of <see cref="Export()"/>'s output in the current state.</summary>
    /// <exception cref="InvalidOperationException">The exchange has ended: nothing remains to resume.</exception>
    public int ExportLength => _state switch
    {
        State.AwaitingStart => PinHandshakeState.GetLength(PinHandshakeState.Phase.RecipientAwaitingStart),
        State.AwaitingConfirmation => PinHandshakeState.GetLength(PinHandshakeState.Phase.RecipientAwaitingConfirmation),
        _ => throw new InvalidOperationException($"Export is not allowed now: {ToString()}."),
    };

    /// <summary>Prepares the exchange: derives w from the PIN and the invitation's secret (PBKDF2, some tens of milliseconds).</summary>
    /// <param name="pin">The PIN the person typed, in normal form (see <see cref="Pin.TryNormalize(ReadOnlySpan{char}, Span{char}, out int)"/>).</param>
    /// <param name="invitationSecret">The share URL's secret or the dropbox invitation's R.</param>
    /// <param name="binding">Where this run happens: the mailbox id from the share URL, or the dropbox invitation.</param>
    public static PinRecipient Create(ReadOnlySpan<char> pin, ReadOnlySpan<byte> invitationSecret, PinBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        Spake2Group.EnsureSelfTested();
        Span<byte> w = stackalloc byte[Spake2.ScalarLength];
        try
        {
            PinKey.DeriveScalar(pin, invitationSecret, w);
            return new PinRecipient(w, binding);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(w);
        }
    }

    /// <summary>Continues an exchange from the output of <see cref="Export()"/>, with the same binding.</summary>
    /// <exception cref="ArgumentException">The bytes are not a stored recipient exchange.</exception>
    public static PinRecipient Import(ReadOnlySpan<byte> state, PinBinding binding) =>
        TryImport(state, binding, out var recipient) ? recipient : throw Error.Argument_Invalid(nameof(state), "This is not a stored PIN exchange of a recipient.");

    /// <summary>Continues an exchange from the output of <see cref="Export()"/>; false when the bytes are not one.</summary>
    public static bool TryImport(ReadOnlySpan<byte> state, PinBinding binding, [NotNullWhen(true)] out PinRecipient? recipient)
    {
        ArgumentNullException.ThrowIfNull(binding);
        recipient = null;
        if (!PinHandshakeState.TryReadHeader(
            state,
            [PinHandshakeState.Phase.RecipientAwaitingStart, PinHandshakeState.Phase.RecipientAwaitingConfirmation],
            out var phase,
            out var body))
        {
            return false;
        }

        var w = body[..Spake2.ScalarLength];
        if (!Spake2Group.IsValidScalar(w))
        {
            return false;
        }

        Spake2Group.EnsureSelfTested();
        var imported = new PinRecipient(w, binding);
        if (phase == PinHandshakeState.Phase.RecipientAwaitingStart)
        {
            recipient = imported;
            return true;
        }

        // Finish is deterministic in w, y and pA: running it again puts the party back where it stood, awaiting cA.
        var ephemeral = body.Slice(Spake2.ScalarLength, Spake2.ScalarLength);
        var peerShare = body[(2 * Spake2.ScalarLength)..];
        Span<byte> confirmation = stackalloc byte[Spake2.ConfirmationLength];
        try
        {
            if (!Spake2Group.IsValidScalar(ephemeral))
            {
                imported.Dispose();
                return false;
            }

            imported.Finish(ephemeral, peerShare, confirmation);
        }
        catch (TigressProtocolException)
        {
            imported.Dispose();
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(confirmation);
        }

        recipient = imported;
        return true;
    }

    /// <summary>
    /// Answers the initiator's start message: message r2i 0 with the recipient's share pB and its confirmation cB. The
    /// exchange then awaits the initiator's confirmation.
    /// </summary>
    /// <exception cref="TigressProtocolException">The start message's share is not a valid P-256 point (<see cref="PakeErrorCodes"/>); the exchange has failed.</exception>
    /// <exception cref="InvalidOperationException">The exchange has already answered, or ended.</exception>
    public PinAnswerMessage Answer(PinStartMessage start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ThrowIfNotIn(State.AwaitingStart, nameof(Answer));
        Span<byte> ephemeral = stackalloc byte[Spake2.ScalarLength];
        Span<byte> confirmation = stackalloc byte[Spake2.ConfirmationLength];
        try
        {
            Spake2Group.GenerateScalar(ephemeral);
            Finish(ephemeral, start.Share.Span, confirmation);
            return new PinAnswerMessage(_party!.GetShare(), confirmation);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeral);
            CryptographicOperations.ZeroMemory(confirmation);
        }
    }

    /// <summary>The exchange's secrets for storage until the exchange ends; keep them as safe as the invitation.</summary>
    /// <exception cref="InvalidOperationException">The exchange has ended: nothing remains to resume.</exception>
    public byte[] Export()
    {
        byte[] state = GC.AllocateArray<byte>(ExportLength, pinned: true);
        Export(state);
        return state;
    }

    /// <summary>Writes the stored form into a buffer of <see cref="ExportLength"/> bytes.</summary>
    /// <exception cref="InvalidOperationException">The exchange has ended: nothing remains to resume.</exception>
    public void Export(Span<byte> destination)
    {
        if (destination.Length != ExportLength)
        {
            throw Error.Argument_Length(nameof(destination), ExportLength);
        }

        if (_state == State.AwaitingStart)
        {
            var body = PinHandshakeState.WriteHeader(PinHandshakeState.Phase.RecipientAwaitingStart, destination);
            _w.CopyTo(body);
            return;
        }

        var answered = PinHandshakeState.WriteHeader(PinHandshakeState.Phase.RecipientAwaitingConfirmation, destination);
        _w.CopyTo(answered);
        _ephemeral.CopyTo(answered[Spake2.ScalarLength..]);
        _peerShare.CopyTo(answered[(2 * Spake2.ScalarLength)..]);
    }

    /// <summary>
    /// Checks the initiator's confirmation cA, the first thing to do with message i2r 1. True when the PIN matched: the
    /// session key is then available. False when it did not (or the exchange was tampered with): stop, and open nothing
    /// else the initiator sent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The exchange has not answered yet, or has ended.</exception>
    public bool TryConfirm(PinConfirmMessage confirm)
    {
        ArgumentNullException.ThrowIfNull(confirm);
        ThrowIfNotIn(State.AwaitingConfirmation, nameof(TryConfirm));
        var matched = _party!.Verify(confirm.Confirmation.Span);

        // Nothing to resume either way: the exchange is over.
        CryptographicOperations.ZeroMemory(_w);
        CryptographicOperations.ZeroMemory(_ephemeral);
        if (!matched)
        {
            Fail();
            return false;
        }

        _state = State.Matched;
        return true;
    }

    /// <summary>Clears every secret the exchange still holds.</summary>
    public void Dispose()
    {
        if (_state != State.Disposed)
        {
            CryptographicOperations.ZeroMemory(_w);
            CryptographicOperations.ZeroMemory(_ephemeral);
            _party?.Dispose();
            _party = null;
            _state = State.Disposed;
        }
    }

    /// <summary>Names the side and its state; never any key material.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"PIN exchange (recipient), {_state switch
    {
        State.AwaitingStart => "awaiting the start",
        State.AwaitingConfirmation => "awaiting the confirmation",
        State.Matched => "PIN matched",
        State.Failed => "failed",
        _ => "disposed",
    }}";

    // Runs SPAKE2 as party B with the given y against pA, keeping w, y and pA so the exchange can be exported.
    private void Finish(ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> peerShare, Span<byte> confirmation)
    {
        var party = Spake2.CreateWithEphemeral(Spake2Role.B, _w, ephemeral, PinBinding.InitiatorIdentityBytes, PinBinding.RecipientIdentityBytes, _binding.AssociatedData);
        try
        {
            party.Finish(peerShare, confirmation);
        }
        catch
        {
            party.Dispose();
            Fail();
            throw;
        }

        ephemeral.CopyTo(_ephemeral);
        peerShare.CopyTo(_peerShare);
        _party = party;
        _state = State.AwaitingConfirmation;
    }

    private void Fail()
    {
        CryptographicOperations.ZeroMemory(_w);
        CryptographicOperations.ZeroMemory(_ephemeral);
        _party?.Dispose();
        _party = null;
        _state = State.Failed;
    }

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

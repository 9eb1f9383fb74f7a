using Tigress.Protocol.Pake;

namespace Tigress.Client.Transfers;

/// <summary>
/// A binding as the session sees it: how this side's sealed messages reach the other side and how the other side's
/// come back. The session decides what to say and when the transfer ends; a channel seals, stores, fetches and opens,
/// keeps its own part of the shared <see cref="TransferStateDocument"/>, and never ends a transfer itself.
/// </summary>
/// <remarks>
/// Channels see plaintext bytes (the encoded provisioning information), never its meaning, so a layer that adds its
/// own protection (a PIN) can sit between the session and any channel.
/// </remarks>
internal interface ITransferChannel : IDisposable
{
    TransferBinding Binding { get; }

    /// <summary>Where the binding's client logs, for a session whose options name no logger factory of their own.</summary>
    Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; }

    /// <summary>True when the binding serves a public preview that the first message must repeat (docs/protocol.md section 5.1).</summary>
    bool ServesPreview { get; }

    /// <summary>Where the channel reports that it changed its part of the state at a point a restart must find it
    /// saved (before it deletes a message it took, say): the session then saves the state. Channels never save it
    /// themselves, so the document has one writer.</summary>
    Func<CancellationToken, ValueTask> StateChanged { set; }

    /// <summary>True when the link itself names the vertical (the share URL's <c>v</c>); otherwise the first message tells.</summary>
    bool LinkNamesVertical { get; }

    /// <summary>True when every message needs an answer, because the binding moves in strict turns (the dropbox's
    /// chain of locations); a vertical that answers nothing is then a programming error.</summary>
    bool NeedsStrictTurns { get; }

    /// <summary>Initiator: the link to hand out, once the other side can use it; null before. The caller disposes it.</summary>
    TigressLink? GetLink();

    /// <summary>Whether <paramref name="exception"/> says the server is down or busy for now rather than refusing the
    /// transfer, and how long it asked to be left alone (its <c>Retry-After</c>), if it said.</summary>
    bool IsOutage(TransferException exception, out TimeSpan? retryAfter);

    /// <summary>True while nothing this side did can have reached the other side: a cancel then only stops locally.</summary>
    bool NothingShared { get; }

    /// <summary>For a PIN share: what the PIN exchange is bound to (the mailbox id, or the dropbox invitation).</summary>
    PinBinding PinBinding { get; }

    /// <summary>For a PIN share: the invitation's secret (the mailbox share key, or the dropbox invitation's R), which
    /// salts the PIN and enters the PIN session key. The caller clears it.</summary>
    byte[] ExportInvitationSecret();

    /// <summary>Seals <paramref name="plaintext"/> as this side's next message. The session stores the returned
    /// record before <see cref="ExecuteAsync"/> sends it, so a restart sends exactly the same bytes.</summary>
    PendingOperation Seal(ReadOnlySpan<byte> plaintext, string format, PendingOutcome then);

    /// <summary>Carries out one recorded operation.</summary>
    /// <exception cref="TransferException">The server could not be reached or refused; the transfer stays active.</exception>
    Task<SendResult> ExecuteAsync(PendingOperation pending, CancellationToken cancellationToken);

    /// <summary>What this side must still do once the exchange is over with <paramref name="outcome"/> (the mailbox
    /// initiator deletes the mailbox), or null when nothing is left to do.</summary>
    PendingOperation? Closing(PendingOutcome outcome);

    /// <summary>How this side tells the other that it stops because of <paramref name="error"/>.</summary>
    AbortAction OnAbort(TransferError error);

    /// <summary>Starts (or continues, after a restart) the wait for the other side's next message, and returns when
    /// it gives up for bindings that end a wait themselves; null for bindings that rely on the server's expiry.</summary>
    DateTimeOffset? BeginWait(bool claiming);

    /// <summary>Waits once (one wait on the event stream, one long poll, or one poll and its backoff) for the other
    /// side's next message.</summary>
    /// <param name="claiming">True for the recipient's first read, which claims the share.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TransferException">The server could not be reached or refused; the transfer stays active.</exception>
    Task<ReceiveResult> ReceiveAsync(bool claiming, CancellationToken cancellationToken);

    /// <summary>Makes it this side's turn to write, so that it can cancel while the other side has the turn.</summary>
    /// <exception cref="TransferException">The server could not be reached or refused; the transfer stays active.</exception>
    Task<TurnResult> TakeTurnAsync(CancellationToken cancellationToken);

    /// <summary>Removes what this side stored before anything was handed out; called by a cancel while
    /// <see cref="NothingShared"/>. Best effort: it never throws for an unreachable server.</summary>
    Task DiscardAsync(CancellationToken cancellationToken);
}

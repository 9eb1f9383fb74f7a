using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tigress.Client.Diagnostics;
using Tigress.Client.Verticals;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Provisioning;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Transfers;

/// <summary>
/// Runs one share from either side over a mailbox relay or an HTTP dropbox: create or claim, send, wait for the
/// other side (long poll, or polling with backoff), receive, finish, cancel. Its state is a small JSON document
/// (<see cref="TransferState"/>) written before every request that depends on it, so a transfer survives a restart
/// of either side's process.
/// </summary>
/// <remarks>
/// The two sides take turns: each writes one message and then waits for the other's, so the relay's single slot
/// per side never drops a message, and the dropbox's chain of locations stays in step. The initiator's first message
/// repeats the preview (docs/protocol.md section 5.1). The recipient ends with a sealed acknowledgement; on the mailbox binding the
/// initiator then deletes the mailbox. A cancel from either side is a sealed message that says why.
/// Use one session from one caller at a time; <see cref="CancelAsync"/> may be called while
/// <see cref="RunAsync"/> runs and interrupts it.
/// </remarks>
public sealed partial class TransferSession : IDisposable
{
    private readonly ITransferChannel _channel;
    private readonly TransferSessionOptions _options;
    private readonly ILogger _logger;
    // The wait before the first retry of a relay that is down; later waits grow with decorrelated jitter (Http.Backoff).
    private static readonly TimeSpan s_firstOutageRetryDelay = TimeSpan.FromSeconds(1);

    private readonly TransferStateDocument _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PinSessionCipher? _pinCipher;
    private CancellationTokenSource _interrupt = new();
    private TaskCompletionSource? _cancelling;
    private bool _waitingAnnounced;
    private bool _holdOffer;
    private ProvisioningInformation? _offered;

    private TransferSession(ITransferChannel channel, TransferStateDocument state, TransferSessionOptions options)
    {
        _channel = channel;
        _options = options;
        _state = state;
        _pinCipher = LoadPinCipher(state);
        channel.StateChanged = CheckpointAsync;
        _logger = (ILogger?)(options.LoggerFactory ?? channel.LoggerFactory)?.CreateLogger<TransferSession>() ?? NullLogger.Instance;
    }

    /// <summary>The binding the transfer runs over.</summary>
    public TransferBinding Binding => _state.Binding;

    /// <summary>This device's side.</summary>
    public TransferRole Role => _state.Role;

    /// <summary>Where the transfer stands.</summary>
    public TransferStatus Status => _state.Status;

    /// <summary>The provisioning-information format, once known (for the recipient, after the first message).</summary>
    public string? Format => _state.Format;

    /// <summary>Mailbox binding: the mailbox's request URL, once the mailbox exists.</summary>
    public Uri? MailboxUri => _state.MailboxUri;

    /// <summary>When the share expires, once known: for an initiator on the mailbox binding, after the create (the
    /// requested <see cref="ShareRequest.Expiration"/>, capped at the relay's maximum lifetime); for a recipient, after
    /// the claim (what the relay says). Null where the binding does not tell (a dropbox share without a requested expiry).</summary>
    public DateTimeOffset? Expiration => _state.Expiration;

    /// <summary>Whether the share is PIN-protected (docs/security.md).</summary>
    public bool RequiresPin => _state.RequiresPin;

    /// <summary>How the share is protected by a PIN: for an initiator, the mode <see cref="ShareRequest.PinMode"/> led
    /// to on this relay; for a recipient, what the link says.</summary>
    public PinProtection PinProtection => _state.PinKind;

    /// <summary>
    /// Initiator: prepares a share over the binding <see cref="ShareRequest.Binding"/> names. Builds and seals the
    /// vertical's first message; nothing is sent until <see cref="GetLinkAsync"/>, <see cref="RunAsync"/> or
    /// <see cref="StepAsync"/>.
    /// </summary>
    /// <remarks>On the mailbox binding the relay's capability document (<c>GET /v1</c>) is read first, and a share
    /// larger than the relay accepts is refused before anything is uploaded, with the largest content that fits.</remarks>
    /// <exception cref="TransferException">The share is larger than the relay accepts (<see cref="TransferError.RelayRefused"/>;
    /// the message names the limit). Nothing was uploaded.</exception>
    /// <exception cref="ArgumentException">No vertical in the options speaks <see cref="ShareRequest.Format"/>, the
    /// relay address is not https (or http to loopback; for the dropbox binding, a URL ending with <c>/</c> without query
    /// or fragment), or <see cref="ShareRequest.Pin"/> is not 6 to 32 ASCII digits.</exception>
    public static async Task<TransferSession> ShareAsync(
        TigressClient client,
        ShareRequest request,
        TransferSessionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        options ??= new TransferSessionOptions();
        if (RelayAddress.Check(request.RelayUri) is not RelayAddressError.None and var error)
        {
            throw new ArgumentException(RelayAddress.Describe(error, "The relay address"), nameof(request));
        }

        if (!Enum.IsDefined(request.Binding))
        {
            throw new ArgumentException("The binding is neither the mailbox nor the dropbox.", nameof(request));
        }

        var (vertical, first) = await BeginAsync(options, request, cancellationToken).ConfigureAwait(false);
        var state = new TransferStateDocument
        {
            Binding = request.Binding,
            Role = TransferRole.Initiator,
            Status = TransferStatus.Active,
            RelayUri = request.RelayUri,
            RequiresPin = !request.Pin.IsEmpty,
            ShareVertical = request.ShareVertical ?? vertical.ShareVertical,
            Format = vertical.Format,
            DisplayInformation = request.DisplayInformation,
            Expiration = request.Expiration,
            VerticalState = first.State,
        };
        var channel = await TransferBindings.For(request.Binding)
            .ShareAsync(client, request, state, vertical, first, options, cancellationToken).ConfigureAwait(false);
        return await StartAsync(channel, state, options, first.Message!, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Recipient: prepares to receive the share <paramref name="link"/> names, over its binding. For a PIN-protected
    /// share (<see cref="TigressLink.RequiresPin"/>) give the PIN the sender told: the session derives the PIN's key at
    /// once (some tens of milliseconds) and keeps no copy of the PIN; a wrong PIN ends the share for everyone. Nothing
    /// is sent until <see cref="GetOfferAsync"/>, <see cref="RunAsync"/> or <see cref="StepAsync"/>; the first read
    /// claims the share.
    /// </summary>
    /// <param name="client">The clients to run over.</param>
    /// <param name="link">The link; the session copies its secret, so the caller may dispose it afterwards.</param>
    /// <param name="pin">The PIN as typed (spaces and dashes are ignored, digits of any script accepted); empty for a
    /// share without a PIN.</param>
    /// <param name="options">How the session runs.</param>
    /// <exception cref="ArgumentException">The share needs a PIN and none was given, a PIN was given for a share without
    /// one, or <paramref name="pin"/> is not 6 to 32 digits. Nothing was sent, so the share is not used up.</exception>
    public static TransferSession Receive(TigressClient client, TigressLink link, ReadOnlySpan<char> pin = default, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(link);
        if (link.RequiresPin && pin.IsEmpty)
        {
            throw new ArgumentException("This share is protected by a PIN: receive it with the PIN the sender told you.", nameof(pin));
        }

        if (!link.RequiresPin && !pin.IsEmpty)
        {
            throw new ArgumentException("This share is not protected by a PIN: receive it without one.", nameof(pin));
        }

        options ??= new TransferSessionOptions();
        var state = new TransferStateDocument
        {
            Binding = link.Binding,
            Role = TransferRole.Recipient,
            Status = TransferStatus.Active,
            RequiresPin = link.RequiresPin,
        };
        return Prepared(TransferBindings.For(link.Binding).Receive(client, link, pin, state, options), state, options, pin);
    }

    /// <summary>Either side of either binding: continues from a stored <see cref="TransferState"/>.</summary>
    public static TransferSession Resume(TigressClient client, TransferState state, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        options ??= new TransferSessionOptions();
        var document = state.ToDocument();
        return new TransferSession(TransferBindings.For(document.Binding).Resume(client, document, options), document, options);
    }

    /// <summary>
    /// Initiator: the link to hand to the recipient, once it exists (the mailbox is created, or the first message is
    /// stored in the dropbox); null before, and for a recipient. The caller owns (and should dispose) the instance.
    /// </summary>
    public TigressLink? GetLink()
    {
        return _state.Role == TransferRole.Initiator ? _channel.GetLink() : null;
    }

    /// <summary>
    /// Initiator: sends what the link needs (creates the mailbox, or stores the first message in the dropbox) and
    /// returns the link to hand to the recipient. Then <see cref="RunAsync"/> waits for the recipient. The caller owns
    /// (and should dispose) the instance.
    /// </summary>
    /// <exception cref="InvalidOperationException">This session is a recipient's.</exception>
    /// <exception cref="TransferException">The relay refused or could not be reached; nothing is shared, the call can be
    /// repeated.</exception>
    public async Task<TigressLink> GetLinkAsync(CancellationToken cancellationToken = default)
    {
        if (_state.Role != TransferRole.Initiator)
        {
            throw new InvalidOperationException("Only the initiator of a share has a link to hand out.");
        }

        TigressLink? link;
        while ((link = GetLink()) is null)
        {
            if (await StepAsync(cancellationToken).ConfigureAwait(false) != TransferStatus.Active)
            {
                throw new TransferException(TransferError.RelayRefused, "The share ended before the relay gave a link.");
            }
        }

        return link;
    }

    /// <summary>
    /// Recipient: claims the share and reads the sender's first message (after the PIN exchange, for a PIN share), and
    /// returns what it offers, verified, without answering it. Show it to the person; then <see cref="RunAsync"/>
    /// accepts and receives the credential, and <see cref="DeclineAsync"/> declines. Returns null when the share ended
    /// before it offered anything (it expired, or the sender cancelled): <see cref="RunAsync"/> then says how.
    /// </summary>
    /// <remarks>An undecided offer lives in memory only: a session resumed from a state saved before the decision reads
    /// the offer again (on the mailbox binding) or continues as accepted.</remarks>
    /// <exception cref="InvalidOperationException">This session is an initiator's.</exception>
    /// <exception cref="TransferException">The transfer failed (for example a wrong PIN, a link that does not decrypt,
    /// or a relay whose preview differs from the sealed one); see <see cref="RunAsync"/>.</exception>
    public async Task<TransferOffer?> GetOfferAsync(CancellationToken cancellationToken = default)
    {
        if (_state.Role != TransferRole.Recipient)
        {
            throw new InvalidOperationException("Only the recipient of a share is offered anything.");
        }

        _holdOffer = true;
        try
        {
            while (_state.Format is null)
            {
                if (await StepAsync(cancellationToken).ConfigureAwait(false) != TransferStatus.Active)
                {
                    return null;
                }
            }
        }
        finally
        {
            _holdOffer = false;
        }

        return new TransferOffer(_state.Format, _state.ShareVertical, _state.DisplayInformation, _channel.ServesPreview ? true : null)
        {
            FileName = _offered is { } offered ? Verticals.AuthorizationToken.AuthorizationTokenVertical.ReadFileName(offered) : null,
        };
    }

    /// <summary>
    /// Recipient: declines the offer <see cref="GetOfferAsync"/> returned. The sender is told (a sealed cancel with
    /// <paramref name="reason"/>; on the mailbox binding the sender then deletes the mailbox) and the transfer ends as
    /// <see cref="TransferStatus.Cancelled"/>, with nothing received.
    /// </summary>
    /// <exception cref="TransferException">The relay could not be reached to deliver the decline; the call can be repeated.</exception>
    public Task DeclineAsync(string? reason = null, CancellationToken cancellationToken = default) =>
        CancelAsync(reason ?? "The recipient declined the share.", cancellationToken);

    /// <summary>A snapshot of the transfer to store and resume from.</summary>
    public TransferState GetState() => TransferState.From(_state);

    /// <summary>Runs the transfer until it completes, is cancelled, or expires (the mailbox is gone, or on the dropbox
    /// binding the other side did not answer before the deadline).</summary>
    /// <remarks>Once the share exists (the link is out, or this recipient claimed it), an outage of the relay does not
    /// end the run: an unreachable or failing relay (5xx, 429) is tried again with a capped, jittered backoff up to
    /// <see cref="TransferSessionOptions.MaxOutageRetryDelay"/>, each retry announced as
    /// <see cref="TransferEventKind.RelayUnavailable"/>, until the relay answers, the share's known expiration passes,
    /// or <paramref name="cancellationToken"/> fires. Before that (the create, or the claim), the failure is thrown at
    /// once: nothing is shared yet.</remarks>
    /// <exception cref="TransferException">The transfer failed. For <see cref="TransferError.RelayUnreachable"/> and
    /// <see cref="TransferError.RelayRefused"/> it is still <see cref="TransferStatus.Active"/> and can be run again.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the state is consistent
    /// and the transfer can be run again or cancelled with <see cref="CancelAsync"/>.</exception>
    public async Task<TransferResult> RunAsync(CancellationToken cancellationToken = default)
    {
        // Starts at one second, up to the configured cap; a relay's Retry-After wins.
        var outages = new Http.Backoff(s_firstOutageRetryDelay, _options.MaxOutageRetryDelay);
        while (true)
        {
            try
            {
                if (await StepAsync(cancellationToken).ConfigureAwait(false) != TransferStatus.Active)
                {
                    return GetResult();
                }

                outages.Reset();
            }
            catch (TransferException exception) when (_channel.IsOutage(exception, out var retryAfter) && !_channel.NothingShared && _state.Status == TransferStatus.Active)
            {
                var time = _options.TimeProvider;
                var delay = outages.Next(retryAfter);
                var retryAt = time.GetUtcNow() + delay;
                if (_state.Expiration is { } expiration && retryAt >= expiration)
                {
                    // The share ends before the relay could be asked again: it expires on the relay on its own.
                    await EndAsync(TransferStatus.Expired, cancellationToken).ConfigureAwait(false);
                    return GetResult();
                }

                ClientLog.RelayUnavailable(_logger, _state.Binding, _state.Role, delay);
                Raise(TransferEventKind.RelayUnavailable, reason: exception.Message, deadline: retryAt);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Does one step: sends the pending request, or reads (long-polls) the other side's next message and
    /// handles it. Returns the status afterwards.</summary>
    /// <exception cref="TransferException">The transfer failed; see <see cref="RunAsync"/>.</exception>
    public async Task<TransferStatus> StepAsync(CancellationToken cancellationToken = default)
    {
        // Let a cancel in progress finish first, rather than start a request it would interrupt.
        if (_cancelling is { } cancelling)
        {
            await cancelling.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state.Status == TransferStatus.Active)
            {
                using var activity = StartActivity("step");
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _interrupt.Token);
                try
                {
                    await StepCoreAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_interrupt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // CancelAsync interrupted this step; it takes over from the recorded state.
                }
                catch (Exception exception)
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                    activity?.SetTag(ClientTelemetry.ErrorTypeTag, exception.GetType().FullName);
                    throw;
                }
                finally
                {
                    activity?.SetTag(ClientTelemetry.StatusTag, _state.Status.ToString());
                }
            }

            if (_state.Status == TransferStatus.Failed)
            {
                throw new TransferException(_state.Failure ?? TransferError.ProtocolViolation, _state.FailureMessage ?? "The transfer failed.")
                {
                    GuessesLeft = _state.FailureGuessesLeft,
                };
            }

            return _state.Status;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Cancels the transfer and tells the other side why: writes a sealed cancel message, and on the mailbox binding
    /// as initiator deletes the mailbox (on the dropbox binding an initiator whose first message is still unread
    /// deletes it instead). Before the link exists (initiator) or is used (recipient) it only stops locally.
    /// Interrupts a running <see cref="RunAsync"/>, which then returns the cancelled result.
    /// </summary>
    /// <exception cref="TransferException">The server could not be reached to deliver the cancel; the call can be repeated.</exception>
    public async Task CancelAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _cancelling, mine, null) is { } other)
        {
            await other.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await _interrupt.CancelAsync().ConfigureAwait(false);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_state.Status == TransferStatus.Active)
                {
                    using var activity = StartActivity("cancel");
                    await CancelCoreAsync(reason ?? "The other side cancelled the transfer.", cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _interrupt.Dispose();
                _interrupt = new CancellationTokenSource();
                _gate.Release();
            }
        }
        finally
        {
            _cancelling = null;
            mine.SetResult();
        }
    }

    /// <summary>Clears the secrets held in memory.</summary>
    public void Dispose()
    {
        _channel.Dispose();
        _pinCipher?.Dispose();
        _interrupt.Dispose();
        _gate.Dispose();
    }

    /// <summary>Names role and status only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"TransferSession({Role}, {Status})";

    /// <summary>Initiator: asks the vertical for its first message.</summary>
    private static async Task<(ICredentialVertical Vertical, VerticalStep First)> BeginAsync(
        TransferSessionOptions options,
        ShareRequest request,
        CancellationToken cancellationToken)
    {
        if (!request.Pin.IsEmpty && !Pin.IsValid(request.Pin.Span))
        {
            throw new ArgumentException($"A PIN is {Pin.MinimumLength} to {Pin.MaximumLength} ASCII digits; make one with Pin.Generate.", nameof(request));
        }

        var vertical = Find(options, request.Format)
            ?? throw new ArgumentException($"No vertical for the format '{request.Format}' is configured.", nameof(request));
        var first = await vertical.BeginAsync(new VerticalContext(TransferRole.Initiator, null, options.TimeProvider), request.Content, cancellationToken)
            .ConfigureAwait(false);
        if (first.Message is null || first.Message.Format != vertical.Format)
        {
            throw new InvalidOperationException($"The vertical for '{vertical.Format}' did not produce a first message in its own format.");
        }

        return (vertical, first);
    }

    /// <summary>Initiator: records the vertical's first message (with the preview sealed in, docs/protocol.md section 5.1) as the first
    /// thing to send, or for a PIN share the start of the PIN exchange, and stores the state.</summary>
    private static async Task<TransferSession> StartAsync(
        ITransferChannel channel,
        TransferStateDocument state,
        TransferSessionOptions options,
        ProvisioningInformation first,
        ShareRequest request,
        CancellationToken cancellationToken)
    {
        var session = new TransferSession(channel, state, options);
        try
        {
            var message = first.WithDisplayInformation(request.DisplayInformation);
            if (state.PinKind == PinProtection.Spake2)
            {
                // The credential waits in the state until the PIN has matched.
                message = session.BeginPinShare(message, request.Pin.Span);
            }

            state.Pending = session.SealMessage(message, PendingOutcome.Continue);
            await session.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Recipient: the session, with the PIN exchange prepared when a PIN is given.</summary>
    private static TransferSession Prepared(ITransferChannel channel, TransferStateDocument state, TransferSessionOptions options, ReadOnlySpan<char> pin)
    {
        var session = new TransferSession(channel, state, options);
        if (state.PinKind != PinProtection.Spake2)
        {
            // Without a PIN, or with the relay-assisted PIN that the binding proves when it claims.
            return session;
        }

        try
        {
            session.BeginPinReceive(pin);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static ICredentialVertical? Find(TransferSessionOptions options, string? format) =>
        format is null ? null : options.Verticals.FirstOrDefault(v => string.Equals(v.Format, format, StringComparison.Ordinal));

    private TransferResult GetResult() => new(
        _state.Status,
        _state.Role,
        _state.Format,
        _state.Status == TransferStatus.Completed ? _state.Result : null,
        _state.CancelReason,
        _state.CancelledByPeer,
        _state.PeerSeen,
        _state.Sent,
        _state.Received);

    private ValueTask CheckpointAsync(CancellationToken cancellationToken) => _state.SaveAsync(_options, cancellationToken);

    private void Raise(TransferEventKind kind, int? sequence = null, string? format = null, string? reason = null, DateTimeOffset? deadline = null, int? guessesLeft = null)
    {
        Log(kind, sequence, format);
        _options.EventOccurred?.Invoke(new TransferEvent(kind, _state.Role, sequence, format, reason, deadline) { GuessesLeft = guessesLeft });
    }

    /// <summary>Logs a step and, when it ends the transfer, counts it. Names the kind, side, sequence and format only:
    /// the reason of a cancel or failure may be the other side's own words.</summary>
    private void Log(TransferEventKind kind, int? sequence, string? format)
    {
        switch (kind)
        {
            case TransferEventKind.Failed:
                ClientLog.Failed(_logger, _state.Binding, _state.Role, _state.Failure ?? TransferError.ProtocolViolation);
                break;
            case TransferEventKind.RelayUnavailable:
                // Logged with its delay where the retry is scheduled.
                break;
            case TransferEventKind.MessageSent or TransferEventKind.MessageReceived when sequence is { } number:
                ClientLog.Message(_logger, _state.Binding, _state.Role, kind, number, format);
                break;
            default:
                ClientLog.Step(_logger, _state.Binding, _state.Role, kind);
                break;
        }

        if (kind is TransferEventKind.Completed or TransferEventKind.Cancelled or TransferEventKind.Expired or TransferEventKind.Failed)
        {
            ClientTelemetry.Transfers.Add(1, new TagList
            {
                { ClientTelemetry.BindingTag, BindingName },
                { ClientTelemetry.RoleTag, RoleName },
                { ClientTelemetry.StatusTag, _state.Status.ToString() },
            });
        }
    }

    private string BindingName => _state.Binding == TransferBinding.Dropbox ? "dropbox" : "mailbox";

    private string RoleName => _state.Role == TransferRole.Initiator ? "initiator" : "recipient";

    /// <summary>A span for one step or cancel of the transfer, tagged with the binding and the side only.</summary>
    private Activity? StartActivity(string what)
    {
        var activity = ClientTelemetry.Source.StartActivity($"transfer {what}", ActivityKind.Internal);
        activity?.SetTag(ClientTelemetry.BindingTag, BindingName);
        activity?.SetTag(ClientTelemetry.RoleTag, RoleName);
        return activity;
    }
}

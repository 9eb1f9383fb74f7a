using System.ComponentModel;
using Tigress.Client.Mailbox;
using Tigress.Client.Verticals;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Provisioning;
using Tigress.Protocol.Wire.Messages;

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
    // The wait before the first retry of a relay that is down; later waits double, with jitter.
    private static readonly TimeSpan s_firstOutageRetryDelay = TimeSpan.FromSeconds(1);

    private readonly TransferStateDocument _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PinSessionCipher? _pinCipher;
    private CancellationTokenSource _interrupt = new();
    private TaskCompletionSource? _cancelling;
    private bool _waitingAnnounced;

    private TransferSession(ITransferChannel channel, TransferStateDocument state, TransferSessionOptions options)
    {
        _channel = channel;
        _options = options;
        _state = state;
        _pinCipher = LoadPinCipher(state);
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

    /// <summary>Whether the share is PIN-protected (docs/security.md).</summary>
    public bool RequiresPin => _state.RequiresPin;

    /// <summary>
    /// Initiator: prepares a share. Builds and seals the vertical's first message; nothing is sent until
    /// <see cref="RunAsync"/> or <see cref="StepAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No vertical in the options speaks <see cref="ShareRequest.Format"/>, the
    /// relay address is not https (or http to loopback), or <see cref="ShareRequest.Pin"/> is not 6 to 32 ASCII digits.</exception>
    public static async Task<TransferSession> ShareAsync(
        MailboxClient client,
        ShareRequest request,
        TransferSessionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        options ??= new TransferSessionOptions();
        if (!request.RelayUri.IsAbsoluteUri || !RelayTransport.IsPermitted(request.RelayUri))
        {
            throw new ArgumentException("The relay address must use https (plain http only to a loopback address).", nameof(request));
        }

        var (vertical, first) = await BeginAsync(options, request, cancellationToken).ConfigureAwait(false);
        using var key = ShareKey.Generate(request.Algorithm);
        var state = new TransferStateDocument
        {
            Binding = TransferBinding.Mailbox,
            Role = TransferRole.Initiator,
            Status = TransferStatus.Active,
            RelayUri = request.RelayUri,
            ShareVertical = request.ShareVertical ?? vertical.ShareVertical,
            Key = MailboxChannel.EncodeKey(key),
            Claim = Guid.NewGuid(),
            RequiresPin = !request.Pin.IsEmpty,
            Format = vertical.Format,
            DisplayInformation = request.DisplayInformation,
            Expiration = request.Expiration,
            VerticalState = first.State,
            NotificationToken = request.NotificationToken is { } token
                ? new NotificationTokenMessage { Type = token.Type, TokenData = token.TokenData }
                : null,
        };

        return await StartAsync(new MailboxChannel(client, state, options), state, options, first.Message!, request, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Recipient: prepares to receive the share at <paramref name="shareUrl"/>. Nothing is sent until
    /// <see cref="RunAsync"/> or <see cref="StepAsync"/>; the first read claims the share.</summary>
    /// <exception cref="ArgumentException">The share is PIN-protected (<see cref="ShareUrl.RequiresPin"/>): use
    /// <see cref="ReceiveWithPin(MailboxClient, ShareUrl, ReadOnlySpan{char}, TransferSessionOptions?)"/>. Nothing was
    /// sent, so the share is not used up.</exception>
    public static TransferSession Receive(MailboxClient client, ShareUrl shareUrl, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(shareUrl);
        if (shareUrl.RequiresPin)
        {
            throw new ArgumentException("This share is protected by a PIN: receive it with ReceiveWithPin and the PIN the sender told you.", nameof(shareUrl));
        }

        return ReceiveCore(client, shareUrl, options, default);
    }

    /// <summary>
    /// Recipient: prepares to receive the PIN-protected share at <paramref name="shareUrl"/> with the PIN the sender
    /// told. Derives the PIN's key at once (some tens of milliseconds) and keeps no copy of the PIN; nothing is sent
    /// until <see cref="RunAsync"/> or <see cref="StepAsync"/>. A wrong PIN ends the share for everyone.
    /// </summary>
    /// <param name="client">The mailbox client.</param>
    /// <param name="shareUrl">The link, with <c>p=1</c>.</param>
    /// <param name="pin">The PIN as typed: spaces and dashes are ignored, digits of any script accepted.</param>
    /// <param name="options">How the session runs.</param>
    /// <exception cref="ArgumentException">The share is not PIN-protected, or <paramref name="pin"/> is not 6 to 32
    /// digits. Nothing was sent, so the share is not used up.</exception>
    public static TransferSession ReceiveWithPin(MailboxClient client, ShareUrl shareUrl, ReadOnlySpan<char> pin, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(shareUrl);
        if (!shareUrl.RequiresPin)
        {
            throw new ArgumentException("This share is not protected by a PIN: receive it with Receive.", nameof(shareUrl));
        }

        return ReceiveCore(client, shareUrl, options, pin);
    }

    private static TransferSession ReceiveCore(MailboxClient client, ShareUrl shareUrl, TransferSessionOptions? options, ReadOnlySpan<char> pin)
    {
        options ??= new TransferSessionOptions();
        var state = new TransferStateDocument
        {
            Binding = TransferBinding.Mailbox,
            Role = TransferRole.Recipient,
            Status = TransferStatus.Active,
            MailboxUri = shareUrl.MailboxUri,
            ShareVertical = shareUrl.Vertical,
            Key = MailboxChannel.EncodeKey(shareUrl.Key),
            Claim = Guid.NewGuid(),
            RequiresPin = shareUrl.RequiresPin,
        };
        return Prepared(new MailboxChannel(client, state, options), state, options, pin);
    }

    /// <summary>Either side of a mailbox transfer: continues from a stored <see cref="TransferState"/>.</summary>
    /// <exception cref="ArgumentException">The state belongs to a dropbox transfer; resume it with a <see cref="Dropbox.DropboxClient"/>.</exception>
    public static TransferSession Resume(MailboxClient client, TransferState state, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Binding != TransferBinding.Mailbox)
        {
            throw new ArgumentException("This is the state of a dropbox transfer: resume it with a DropboxClient.", nameof(state));
        }

        options ??= new TransferSessionOptions();
        var document = state.ToDocument();
        return new TransferSession(new MailboxChannel(client, document, options), document, options);
    }

    /// <summary>Initiator of a mailbox transfer: the share URL to hand to the recipient, once the mailbox exists (null
    /// before, and on the dropbox binding). The caller owns (and should dispose) the returned instance.</summary>
    public ShareUrl? GetShareUrl() => (_channel as MailboxChannel)?.GetShareUrl();

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
        var outages = 0;
        while (true)
        {
            try
            {
                if (await StepAsync(cancellationToken).ConfigureAwait(false) != TransferStatus.Active)
                {
                    return GetResult();
                }

                outages = 0;
            }
            catch (TransferException exception) when (IsOutage(exception) && !_channel.NothingShared && _state.Status == TransferStatus.Active)
            {
                var time = _options.TimeProvider;
                var delay = Http.HttpRetryPolicy.Backoff(s_firstOutageRetryDelay, _options.MaxOutageRetryDelay, outages++);
                var retryAt = time.GetUtcNow() + delay;
                if (_state.Expiration is { } expiration && retryAt >= expiration)
                {
                    // The share ends before the relay could be asked again: it expires on the relay on its own.
                    await EndAsync(TransferStatus.Expired, cancellationToken).ConfigureAwait(false);
                    return GetResult();
                }

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
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _interrupt.Token);
                try
                {
                    await StepCoreAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_interrupt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // CancelAsync interrupted this step; it takes over from the recorded state.
                }
            }

            if (_state.Status == TransferStatus.Failed)
            {
                throw new TransferException(_state.Failure ?? TransferError.ProtocolViolation, _state.FailureMessage ?? "The transfer failed.");
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
            if (!request.Pin.IsEmpty)
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
        if (pin.IsEmpty && !state.RequiresPin)
        {
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

    /// <summary>A failure of the relay rather than of the transfer: worth waiting out.</summary>
    private static bool IsOutage(TransferException exception) => exception.Error switch
    {
        TransferError.RelayUnreachable => true,
        TransferError.RelayRefused => exception.InnerException is Mailbox.MailboxException { Error: MailboxError.RelayFailure or MailboxError.RateLimited },
        _ => false,
    };

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

    private void Raise(TransferEventKind kind, int? sequence = null, string? format = null, string? reason = null, DateTimeOffset? deadline = null) =>
        _options.EventOccurred?.Invoke(new TransferEvent(kind, _state.Role, sequence, format, reason, deadline));
}

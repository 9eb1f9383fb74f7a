using System.Buffers.Text;
using System.Security.Cryptography;
using Tigress.Client.Transfers;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Mailbox;

/// <summary>
/// The mailbox binding (docs/protocol.md section 7) under a <see cref="TransferSession"/>: payloads sealed with the share
/// key and the direction/sequence AAD (docs/protocol.md section 4.1), carried by the six mailbox endpoints with recorded request ids.
/// </summary>
/// <remarks>
/// The relay keeps one slot per side, so either side may write at any time; a side that cancels while the other has
/// the turn simply writes its cancel, which the other side accepts one number ahead.
/// </remarks>
internal sealed class MailboxChannel : ITransferChannel
{
    // How long a channel whose event stream failed long-polls before it tries the stream again.
    private static readonly TimeSpan s_streamRetryDelay = TimeSpan.FromMinutes(2);

    // The first and the longest pause after a long poll that came back empty long before its wait was over.
    private static readonly TimeSpan s_earlyPollPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxEarlyPollPause = TimeSpan.FromSeconds(15);

    // How long an initiator that read the recipient's first message before the stream replayed the log waits for the
    // claim's event, which comes after every wrong PIN that preceded it.
    private static readonly TimeSpan s_claimEventWait = TimeSpan.FromSeconds(5);

    // The first pause after a read that an event asked for and that found nothing new.
    private static readonly TimeSpan s_firstEmptyEventReadPause = TimeSpan.FromMilliseconds(250);

    private static readonly MailboxAccessRights s_recipientRights =
        MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete;

    private readonly MailboxClient _client;
    private readonly TransferStateDocument _state;
    private readonly TransferSessionOptions _options;
    private readonly ShareKey _key;
    private MailboxWaiter? _waiter;

    // Recipient of a relay-assisted PIN share, until its claim: the blinded PIN, in memory only.
    private RelayPinGuess? _pinGuess;

    // Initiator of a relay-assisted PIN share: a read held back until the wrong PINs logged before it are reported.
    private ReceiveResult? _heldRead;
    private readonly Http.Backoff _earlyPolls = new(s_earlyPollPause, s_maxEarlyPollPause);

    // Reads the event stream asked for that found nothing new: each one makes the next wait a little longer, so a relay
    // that sends events without end (ever-growing ids) gets a few reads, not one per event.
    private readonly Http.Backoff _emptyEventReads = new(s_firstEmptyEventReadPause, s_maxEarlyPollPause);
    private DateTimeOffset _eventReadNotBefore = DateTimeOffset.MinValue;
    private bool _eventReadPending;

    // When the event stream may be tried again after it failed; MaxValue once the relay showed it does not offer one.
    private DateTimeOffset _streamRetryAt = DateTimeOffset.MinValue;

    // Initiator, until the create: the longest the relay keeps a mailbox (its capability document), for the expiry.
    private readonly TimeSpan? _relayLifetime;

    public MailboxChannel(
        MailboxClient client, TransferStateDocument state, TransferSessionOptions options, RelayPinGuess? pinGuess = null, TimeSpan? relayLifetime = null)
    {
        _client = client;
        _state = state;
        _options = options;
        _pinGuess = pinGuess;
        _relayLifetime = relayLifetime;
        var key = Base64Url.DecodeFromChars(state.Key);
        try
        {
            _key = ShareKey.Import(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public TransferBinding Binding => TransferBinding.Mailbox;

    public bool ServesPreview => true;

    // The mailbox binding's part of the state changes only where the session saves anyway.
    public Func<CancellationToken, ValueTask> StateChanged
    {
        set { }
    }

    public bool LinkNamesVertical => true;

    public bool NeedsStrictTurns => false;

    public TigressLink? GetLink() => GetShareUrl() is { } url ? TigressLink.From(url) : null;

    // A relay that fails (5xx) or rate limits (429) after the client's own retries is waited out, not given up on.
    public bool IsOutage(TransferException exception, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        switch (exception.Error)
        {
            case TransferError.RelayUnreachable:
                return true;
            case TransferError.RelayRefused when exception.InnerException is MailboxException { Error: MailboxError.RelayFailure or MailboxError.RateLimited } refusal:
                retryAfter = refusal.RetryAfter;
                return true;
            default:
                return false;
        }
    }

    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory => _client.LoggerFactory;

    public bool NothingShared => _state.Role == TransferRole.Initiator ? _state.MailboxUri is null : !_state.PeerSeen;

    // The relay's expiry ends every wait: a mailbox that is gone answers 404.
    public DateTimeOffset? BeginWait(bool claiming) => null;

    private PayloadDirection Outgoing => _state.Role == TransferRole.Initiator
        ? PayloadDirection.InitiatorToRecipient
        : PayloadDirection.RecipientToInitiator;

    private PayloadDirection Incoming => _state.Role == TransferRole.Initiator
        ? PayloadDirection.RecipientToInitiator
        : PayloadDirection.InitiatorToRecipient;

    /// <summary>The share key in the text form the state keeps.</summary>
    public static string EncodeKey(ShareKey key)
    {
        var bytes = key.Export();
        try
        {
            return Base64Url.EncodeToString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Initiator: the share URL, once the mailbox exists.</summary>
    public ShareUrl? GetShareUrl() =>
        _state.Role == TransferRole.Initiator && _state.MailboxUri is { } mailbox
            ? ShareUrl.Create(mailbox, _key, _state.ShareVertical, _state.PinKind)
            : null;

    // The mailbox id, the last segment of the mailbox URL: known to the recipient from the link, to the initiator once created.
    public PinBinding PinBinding =>
        PinBinding.ForMailbox(_state.MailboxUri!.AbsolutePath[(_state.MailboxUri.AbsolutePath.LastIndexOf('/') + 1)..]);

    public byte[] ExportInvitationSecret() => _key.Export();

    public PendingOperation Seal(ReadOnlySpan<byte> plaintext, string format, PendingOutcome then) => new()
    {
        // The initiator's first message travels with the create; every later message is an update.
        Kind = _state.Role == TransferRole.Initiator && _state.MailboxUri is null ? PendingKind.Create : PendingKind.Update,
        RequestId = Guid.NewGuid(),
        Payload = SecurePayload.Seal(_key, Outgoing, _state.Sent, plaintext),
        Format = format,
        Then = then,
    };

    public async Task<SendResult> ExecuteAsync(PendingOperation pending, CancellationToken cancellationToken)
    {
        try
        {
            switch (pending.Kind)
            {
                case PendingKind.Create:
                    var created = await _client.CreateAsync(
                        _state.RelayUri!,
                        _state.Claim,
                        new CreateMailboxRequest
                        {
                            DisplayInformation = _state.DisplayInformation!,
                            Payload = pending.Payload!,
                            RecipientRights = s_recipientRights,
                            Expiration = _state.Expiration,
                            NotificationToken = _state.NotificationToken is { Type: { } type } token ? new NotificationToken(type, token.TokenData) : null,
                            PinProtection = PinProtectionToSend(),
                        },
                        pending.RequestId,
                        cancellationToken).ConfigureAwait(false);
                    _state.MailboxUri = created.MailboxUri;
                    if (_relayLifetime is { } lifetime)
                    {
                        // The create answer names no expiry: the relay kept the requested one, capped at its maximum
                        // from about now.
                        var latest = _options.TimeProvider.GetUtcNow() + lifetime;
                        _state.Expiration = _state.Expiration is { } requested && requested < latest ? requested : latest;
                    }

                    // The relay holds the OPRF key now; this side never needs it again.
                    if (_state.RelayPin is { } relayPin)
                    {
                        relayPin.OprfKey = null;
                        relayPin.Verifier = null;
                    }

                    return SendResult.Delivered;

                case PendingKind.Update:
                    await _client.UpdateAsync(_state.MailboxUri!, _state.Claim, pending.Payload!, pending.RequestId, cancellationToken).ConfigureAwait(false);
                    return SendResult.Delivered;

                case PendingKind.Delete:
                    await _client.DeleteAsync(_state.MailboxUri!, _state.Claim, pending.RequestId, cancellationToken).ConfigureAwait(false);
                    return SendResult.Done;

                case PendingKind.Relinquish:
                    await _client.RelinquishAsync(_state.MailboxUri!, _state.Claim, pending.RequestId, cancellationToken).ConfigureAwait(false);
                    return SendResult.Done;

                default:
                    throw new InvalidOperationException($"A mailbox transfer cannot carry out a {pending.Kind} operation.");
            }
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.NotFound && pending.Kind == PendingKind.Create)
        {
            // A relay answers create with 404 never: the address is not a relay's base URL.
            throw new TransferException(
                TransferError.RelayRefused,
                "The address answered 404 Not Found to a mailbox create: it is not a Tigress relay, or the path is wrong (give the relay's base URL).",
                exception);
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.NotFound)
        {
            return SendResult.Gone;
        }
        catch (MailboxException exception)
        {
            throw RelayProblem(exception);
        }
    }

    // The initiator ends every transfer by deleting the mailbox, so the link is spent.
    public PendingOperation? Closing(PendingOutcome outcome) =>
        _state.Role == TransferRole.Initiator && _state.MailboxUri is not null
            ? new PendingOperation { Kind = PendingKind.Delete, RequestId = Guid.NewGuid(), Then = outcome }
            : null;

    // A recipient that cannot open the first message, or finds a PIN exchange without a PIN to answer it, lets go of
    // its claim, so the rightful recipient (or this one, with the PIN) still can.
    public AbortAction OnAbort(TransferError error) =>
        _state.Role == TransferRole.Recipient
        && ((_state.Received == 0 && error == TransferError.DecryptionFailed) || (_state.Sent == 0 && error == TransferError.PinRequired))
            ? AbortAction.Relinquish
            : AbortAction.Notify;

    public async Task<ReceiveResult> ReceiveAsync(bool claiming, CancellationToken cancellationToken)
    {
        if (claiming)
        {
            // The claim is answered at once: the initiator wrote its first message when it created the mailbox.
            return await ReadAsync(TimeSpan.Zero, claiming: true, cancellationToken).ConfigureAwait(false);
        }

        _waiter ??= new MailboxWaiter(
            _client,
            _state.MailboxUri!,
            _state.Claim,
            _state.Role == TransferRole.Initiator ? MailboxSide.Initiator : MailboxSide.Recipient,
            _options.TimeProvider);
        return StreamAllowed()
            ? await WaitOnEventsAsync(_waiter, cancellationToken).ConfigureAwait(false)
            : await LongPollAsync(_waiter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits on the relay's event stream (docs/protocol.md section 8): no request while nothing happens, one read after each write by
    /// the other side, and the claim reported as it happens. Returns nothing new after
    /// <see cref="TransferSessionOptions.LongPollWait"/>, like a long poll, without having sent anything.
    /// </summary>
    private async Task<ReceiveResult> WaitOnEventsAsync(MailboxWaiter waiter, CancellationToken cancellationToken)
    {
        waiter.StartStream();
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        while (true)
        {
            if (waiter.TakePinFailure() is { } guessesLeft)
            {
                return new ReceiveResult(ReceiveStatus.PinGuessFailed) { GuessesLeft = guessesLeft };
            }

            if (_heldRead is { } held)
            {
                _heldRead = null;
                return held;
            }

            var wake = waiter.Take();
            switch (wake.Reason)
            {
                case MailboxWaiter.WakeReason.PeerClaimed when _state.Role == TransferRole.Initiator && !_state.PeerSeen:
                    waiter.ForgetRead();
                    _eventReadPending = false;
                    return await ClaimOrMessageAsync(cancellationToken).ConfigureAwait(false);

                case MailboxWaiter.WakeReason.Read:
                    // Every event that asks for a read until the read is due makes one read.
                    _eventReadPending = true;
                    break;

                case MailboxWaiter.WakeReason.Deleted:
                    return new ReceiveResult(ReceiveStatus.Gone);

                case MailboxWaiter.WakeReason.Expired:
                    return new ReceiveResult(ReceiveStatus.Expired);

                case MailboxWaiter.WakeReason.StreamFailed:
                    // A relay without the stream (or with a broken one) still answers long polls.
                    OnStreamFailed(wake.Failure);
                    return await LongPollAsync(waiter, cancellationToken).ConfigureAwait(false);
            }

            if (_eventReadPending && time.GetUtcNow() >= _eventReadNotBefore)
            {
                _eventReadPending = false;
                var read = await ReadAsync(TimeSpan.Zero, claiming: false, cancellationToken).ConfigureAwait(false);
                if (read.Status != ReceiveStatus.Nothing)
                {
                    _emptyEventReads.Reset();
                    _eventReadNotBefore = DateTimeOffset.MinValue;
                    return await AfterEarlierGuessesAsync(waiter, read, cancellationToken).ConfigureAwait(false);
                }

                // Nothing new after all: the next read an event asks for waits a little longer.
                _eventReadNotBefore = time.GetUtcNow() + _emptyEventReads.Next();
                continue;
            }

            // A stream that failed, or ended with the mailbox: a read tells where things stand.
            if (!waiter.IsStreaming)
            {
                return await LongPollAsync(waiter, cancellationToken).ConfigureAwait(false);
            }

            var remaining = _options.LongPollWait - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return ReceiveResult.Nothing;
            }

            if (_eventReadPending && _eventReadNotBefore - time.GetUtcNow() is var due && due < remaining)
            {
                remaining = due > TimeSpan.Zero ? due : TimeSpan.Zero;
            }

            await waiter.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Initiator of a relay-assisted PIN share whose read found the recipient's first message before the event stream
    /// brought the claim (a resumed session: the read that opening the stream asks for races the replay of the log):
    /// the wrong PINs tried before the claim are reported first, as they happened, and the message after them. Every
    /// wrong PIN is logged before the claim that ended the guessing, so the claim's event is waited for, briefly.
    /// </summary>
    private async Task<ReceiveResult> AfterEarlierGuessesAsync(MailboxWaiter waiter, ReceiveResult read, CancellationToken cancellationToken)
    {
        if (read.Status != ReceiveStatus.Message || _state.Role != TransferRole.Initiator || _state.PinKind != PinProtection.RelayAssisted
            || _state.PeerSeen || !waiter.IsStreaming)
        {
            return read;
        }

        try
        {
            await waiter.PeerClaimSeen.WaitAsync(s_claimEventWait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A relay that logged no claim: the message goes on as it is.
        }

        if (waiter.TakePinFailure() is not { } guessesLeft)
        {
            return read;
        }

        _heldRead = read;
        return new ReceiveResult(ReceiveStatus.PinGuessFailed) { GuessesLeft = guessesLeft };
    }

    /// <summary>One long poll (<c>Prefer: wait</c>, docs/protocol.md section 7.6), cut short by a push the app hands in, after which the
    /// mailbox is read at once.</summary>
    private async Task<ReceiveResult> LongPollAsync(MailboxWaiter waiter, CancellationToken cancellationToken)
    {
        // A read the event stream asked for is served by this one.
        _eventReadPending = false;
        // The long poll reads anyway; only a claim needs telling first.
        if (TakeBeforeRead(waiter))
        {
            return await ClaimOrMessageAsync(cancellationToken).ConfigureAwait(false);
        }

        var started = _options.TimeProvider.GetTimestamp();
        var result = await LongPollCoreAsync(waiter, cancellationToken).ConfigureAwait(false);
        var held = _options.LongPollWait > TimeSpan.Zero && _options.TimeProvider.GetElapsedTime(started) >= _options.LongPollWait / 2;
        if (result.Status != ReceiveStatus.Nothing || held)
        {
            _earlyPolls.Reset();
            return result;
        }

        // The relay (or whatever answers there) did not hold the read: pause, with a growing backoff, before the session
        // reads again, so a server that ignores Prefer: wait is never polled in a tight loop.
        var pause = _earlyPolls.Next();
        await waiter.WaitAsync(pause, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<ReceiveResult> LongPollCoreAsync(MailboxWaiter waiter, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadAsync(_options.LongPollWait, claiming: false, poll.Token);
        var woken = waiter.WaitAsync(Timeout.InfiniteTimeSpan, poll.Token);
        var first = await Task.WhenAny(reading, woken).ConfigureAwait(false);
        await poll.CancelAsync().ConfigureAwait(false);
        if (first != reading)
        {
            try
            {
                // The read may have finished just as the push arrived; its answer is as good as a new one.
                return await reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TakeBeforeRead(waiter)
                    ? await ClaimOrMessageAsync(cancellationToken).ConfigureAwait(false)
                    : await ReadAsync(TimeSpan.Zero, claiming: false, cancellationToken).ConfigureAwait(false);
            }
        }

        return await reading.ConfigureAwait(false);
    }

    /// <summary>Before a read: true when a claim by the other side is still to be reported. A read asked for is
    /// forgotten (the coming read serves it) and a stream failure is recorded.</summary>
    private bool TakeBeforeRead(MailboxWaiter waiter)
    {
        var wake = waiter.Take();
        if (wake.Reason == MailboxWaiter.WakeReason.StreamFailed)
        {
            OnStreamFailed(wake.Failure);
        }

        waiter.ForgetRead();
        return wake.Reason == MailboxWaiter.WakeReason.PeerClaimed && _state.Role == TransferRole.Initiator && !_state.PeerSeen;
    }

    /// <summary>Initiator, told of the claim: reads once, because the recipient's first message may be there already.
    /// Then the message tells of the claim itself and this wait makes progress; otherwise the claim alone is reported.</summary>
    private async Task<ReceiveResult> ClaimOrMessageAsync(CancellationToken cancellationToken)
    {
        var read = await ReadAsync(TimeSpan.Zero, claiming: false, cancellationToken).ConfigureAwait(false);
        return read.Status == ReceiveStatus.Nothing ? new ReceiveResult(ReceiveStatus.PeerClaimed) : read;
    }

    /// <summary>A relay that does not offer the stream is not asked again; one that failed to keep it open is asked
    /// again after a while.</summary>
    private void OnStreamFailed(Exception? failure) =>
        _streamRetryAt = Unsupported(failure) ? DateTimeOffset.MaxValue : _options.TimeProvider.GetUtcNow() + s_streamRetryDelay;

    private bool StreamAllowed() => _options.UseServerSentEvents && _options.TimeProvider.GetUtcNow() >= _streamRetryAt;

    /// <summary>True when the relay does not offer the event stream at all, as opposed to failing to keep it open.</summary>
    private static bool Unsupported(Exception? failure) => failure switch
    {
        MailboxException { Error: MailboxError.RelayUnreachable or MailboxError.RelayFailure or MailboxError.RateLimited } => false,
        _ => true,
    };

    private MailboxPinProtection? PinProtectionToSend() =>
        _state.RelayPin is { OprfKey: { } key, Verifier: { } verifier } relayPin
            ? new MailboxPinProtection(Base64Url.DecodeFromChars(key), Base64Url.DecodeFromChars(verifier), relayPin.Guesses)
            : null;

    /// <summary>
    /// Recipient of a relay-assisted PIN share, before its claim (docs/protocol.md section 12.6): has the relay evaluate
    /// the blinded PIN (which spends no guess), derives the proof and the session key, and keeps the key in the state
    /// for the session. Null when the share has no such PIN, or the key is known already; otherwise the proof to claim with.
    /// </summary>
    private async Task<(byte[]? Proof, ReceiveResult? Refused)> ProvePinAsync(CancellationToken cancellationToken)
    {
        if (_state.PinKind != PinProtection.RelayAssisted || _state.PeerSeen)
        {
            return (null, null);
        }

        var guess = _pinGuess ?? throw new TransferException(
            TransferError.PinRequired,
            "This share is protected by a PIN that this device no longer holds (it is never stored): receive the link again with the PIN.");
        PinEvaluation evaluation;
        try
        {
            evaluation = await _client.EvaluatePinAsync(_state.MailboxUri!, _state.Claim, guess.BlindedElement.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException exception) when (exception.Error is MailboxError.NotFound or MailboxError.PinLocked or MailboxError.WrongClaim)
        {
            return (null, new ReceiveResult(exception.Error switch
            {
                MailboxError.NotFound => ReceiveStatus.Gone,
                MailboxError.PinLocked => ReceiveStatus.PinLocked,
                _ => ReceiveStatus.ClaimedByOther,
            }));
        }
        catch (MailboxException exception)
        {
            throw RelayProblem(exception);
        }

        var secret = _key.Export();
        try
        {
            if (!guess.TryFinish(evaluation.EvaluatedElement, secret, out var proof))
            {
                throw new TransferException(
                    TransferError.RelayRefused,
                    "The relay's answer to the PIN check is not a valid evaluation: the relay is broken or is not a Tigress relay.");
            }

            using (proof)
            using (var cipher = proof.CreateSessionCipher())
            {
                _state.KeepPinSessionKey(cipher);
                return (proof.ProofKey.ToArray(), null);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>One read of the other side's slot, waiting up to <paramref name="wait"/> for a write.</summary>
    private async Task<ReceiveResult> ReadAsync(TimeSpan wait, bool claiming, CancellationToken cancellationToken)
    {
        byte[]? proof = null;
        if (claiming)
        {
            var (given, refused) = await ProvePinAsync(cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            proof = given;
        }

        MailboxReadResult read;
        try
        {
            read = await _client.ReadAsync(
                _state.MailboxUri!,
                _state.Claim,
                new MailboxReadOptions
                {
                    IfNoneMatch = _state.ETag,
                    Wait = wait,
                    PinProof = proof,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.WrongPin && claiming)
        {
            return new ReceiveResult(ReceiveStatus.WrongPin) { GuessesLeft = exception.GuessesLeft };
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.PinLocked && claiming)
        {
            return new ReceiveResult(ReceiveStatus.PinLocked);
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.NotFound && claiming && exception.ProblemType is null)
        {
            // A relay's 404 is always a problem document; a bare one comes from a server that is not a relay.
            throw new TransferException(
                TransferError.RelayRefused,
                "The link's address answered 404 Not Found, but not as a Tigress relay does: the link's host or path is wrong, or the server is not a relay.",
                exception);
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.NotFound)
        {
            return new ReceiveResult(ReceiveStatus.Gone);
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.WrongClaim && claiming)
        {
            return new ReceiveResult(ReceiveStatus.ClaimedByOther);
        }
        catch (MailboxException exception)
        {
            throw RelayProblem(exception);
        }
        catch (TigressProtocolException exception)
        {
            // Not a read answer at all (no JSON, no payload): the relay is broken or not a relay; the link is not to blame.
            throw new TransferException(
                TransferError.RelayRefused,
                "The relay's answer to a read is not a mailbox message (malformed JSON or no payload): the address may not be a Tigress relay, or the relay is broken.",
                exception);
        }
        finally
        {
            if (proof is not null)
            {
                CryptographicOperations.ZeroMemory(proof);
            }
        }

        if (read.Status != MailboxReadStatus.Message)
        {
            return ReceiveResult.Nothing;
        }

        var payload = read.Payload!;
        var expected = _state.Received;
        int sequence;
        byte[]? plaintext;
        if (payload.TryOpen(_key, Incoming, expected, out plaintext))
        {
            sequence = expected;
        }
        else if (payload.TryOpen(_key, Incoming, expected + 1, out plaintext))
        {
            // The other side wrote again before this side read: only a cancel may do that (the session checks).
            sequence = expected + 1;
        }
        else if (expected > 0 && payload.TryOpen(_key, Incoming, expected - 1, out _))
        {
            // The message this side already handled (a replayed read, or a state restored after a crash that
            // lost the ETag): nothing new. Remember its tag so the next read waits.
            _state.ETag = read.ETag ?? _state.ETag;
            return ReceiveResult.Nothing;
        }
        else
        {
            return new ReceiveResult(ReceiveStatus.Undecryptable);
        }

        _state.ETag = read.ETag;
        return new ReceiveResult(ReceiveStatus.Message, new InboundMessage(sequence, plaintext, read.DisplayInformation, read.Expiration));
    }

    public Task<TurnResult> TakeTurnAsync(CancellationToken cancellationToken) => Task.FromResult(TurnResult.Mine);

    // A mailbox that does not exist yet holds nothing; one that does is shared.
    public Task DiscardAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_heldRead?.Message is { } held)
        {
            CryptographicOperations.ZeroMemory(held.Plaintext);
        }

        _waiter?.Dispose();
        _pinGuess?.Dispose();
        _key.Dispose();
    }

    private static TransferException RelayProblem(MailboxException exception) => exception.Error == MailboxError.RelayUnreachable
        ? new TransferException(TransferError.RelayUnreachable, exception.Message, exception)
        : new TransferException(TransferError.RelayRefused, exception.Message, exception);
}

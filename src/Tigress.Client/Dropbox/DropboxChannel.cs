using System.Net;
using Tigress.Client.Http;
using Tigress.Client.Transfers;
using Tigress.Protocol;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Dropbox;

//
//  The HTTP dropbox binding under a TransferSession (draft-rescorla-tigress-http; docs/protocol.md section 11)
//
//  Message i lives at {base}U_i, sealed under K_i; both derive from R and the transcript of messages 0..i-1, so the
//  two sides take strict turns: the initiator writes the even indices, the recipient the odd ones.
//
//      | Step               | Writer                                   | Reader                                     |
//      | ------------------ | ---------------------------------------- | ------------------------------------------ |
//      | before writing i   | GET U_i: empty, or the reader's cancel   |                                            |
//      | write i            | PUT U_i (If-None-Match: *)               |                                            |
//      | wait for i         |                                          | GET U_i with Prefer: wait, else poll       |
//      | take i             |                                          | open, record, DELETE U_i, then act on it   |
//
//  Cancelling while the other side has the turn: the canceller first looks at U_i. If the other side's message is
//  there it takes it and cancels in its own turn (U_i+1). If not, it writes its cancel at U_i itself, as message i;
//  the other side looks at U_i before it writes there and finds it (the relay's write-once locations also turn a
//  lost race into a 409 that leads to the same look). An initiator whose message 0 is still unread simply deletes it.
//
//  A wait ends at a deadline (TransferSessionOptions.AnswerTimeout, or the share's expiration); the waiting side then
//  deletes its own unread message, so a plain server keeps nothing.
//

/// <summary>
/// The dropbox binding as a <see cref="ITransferChannel"/>: derives each message's location and key from the
/// invitation and the transcript, keeps the transcript (and the transfer's cookies) in the state, and moves sealed
/// messages with PUT, GET and DELETE.
/// </summary>
internal sealed class DropboxChannel : ITransferChannel
{
    /// <summary>How long a recipient's first read looks for message 0, which the initiator stores before it hands
    /// out the invitation. When it is not there, the invitation is spent: taken, cancelled or expired.</summary>
    internal static readonly TimeSpan FirstMessageGrace = TimeSpan.FromSeconds(3);

    private readonly DropboxClient _client;
    private readonly TransferStateDocument _state;
    private readonly DropboxStateDocument _dropbox;
    private readonly TransferSessionOptions _options;
    private readonly DropboxInvitation _invitation;
    private readonly CookieContainer _cookies = new();
    private readonly Backoff _poll;
    private bool _deadlineUnsaved;
    private Func<CancellationToken, ValueTask> _stateChanged = static _ => ValueTask.CompletedTask;

    // The index of a put that may have reached the server before: tried by this instance, or pending when it was loaded.
    private int? _uncertainPut;

    public DropboxChannel(DropboxClient client, TransferStateDocument state, TransferSessionOptions options)
    {
        _client = client;
        _state = state;
        _options = options;
        _poll = new Backoff(client.Options.InitialPollInterval, client.Options.MaxPollInterval);
        _dropbox = state.Dropbox ?? throw new ArgumentException("The state holds no dropbox part.", nameof(state));
        if (!DropboxInvitation.TryParse(_dropbox.Invitation, out var invitation))
        {
            throw new ArgumentException("The state's dropbox invitation is not valid.", nameof(state));
        }

        if (RelayAddress.Check(invitation.BaseUri) is not RelayAddressError.None and var error)
        {
            invitation.Dispose();
            throw new ArgumentException(RelayAddress.Describe(error, "The dropbox address"), nameof(state));
        }

        _invitation = invitation;
        _uncertainPut = state.Pending is { Kind: PendingKind.Put, Index: { } pending } ? pending : null;
        foreach (var cookie in _dropbox.Cookies ?? [])
        {
            try
            {
                _cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
            }
            catch (CookieException)
            {
                // Not restorable here; the server will treat this device as new at that location.
            }
        }
    }

    public TransferBinding Binding => TransferBinding.Dropbox;

    public bool ServesPreview => false;

    public Func<CancellationToken, ValueTask> StateChanged
    {
        set => _stateChanged = value;
    }

    // An invitation carries no hint of the vertical; the first message tells.
    public bool LinkNamesVertical => false;

    public bool NeedsStrictTurns => true;

    // The initiator hands out the invitation only once message 0 is stored.
    public TigressLink? GetLink() => _state.Role == TransferRole.Initiator && _state.Sent > 0 ? TigressLink.From(CopyInvitation()) : null;

    // A server that fails (5xx) or rate limits (429) after the client's own retries is waited out, like a relay.
    public bool IsOutage(TransferException exception, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        switch (exception.Error)
        {
            case TransferError.RelayUnreachable:
                return true;
            case TransferError.RelayRefused when exception.InnerException is DropboxException { IsOutage: true } refusal:
                retryAfter = refusal.RetryAfter;
                return true;
            default:
                return false;
        }
    }

    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory => _client.Options.LoggerFactory;

    // The initiator hands out the invitation only once message 0 is stored; the recipient has shared nothing before it reads.
    public bool NothingShared => _state.Role == TransferRole.Initiator ? _state.Sent == 0 : !_state.PeerSeen;

    private int Count => _dropbox.Transcript.Count;

    /// <summary>True when the last message in the transcript came from the other side and has not been handled yet
    /// (the process stopped between taking it and answering it).</summary>
    private bool HasUnhandledInbound =>
        Count > _state.Sent + _state.Received + (_state.Pending?.Kind == PendingKind.Put ? 1 : 0);

    public PinBinding PinBinding => PinBinding.ForDropbox(_invitation);

    public byte[] ExportInvitationSecret() => _invitation.ExportSecret();

    /// <summary>A copy of the invitation, for the initiator to hand out; the caller disposes it.</summary>
    private DropboxInvitation CopyInvitation() => DropboxInvitation.Parse(_invitation.RevealUrl());

    public PendingOperation Seal(ReadOnlySpan<byte> plaintext, string format, PendingOutcome then)
    {
        var index = Count;
        var message = TigressPlaintext.Create(checked((ushort)index), plaintext);
        using var schedule = ScheduleAt(index);
        var body = schedule.SealNext(message);
        _dropbox.Transcript.Add(message.Encode());
        return new PendingOperation
        {
            Kind = PendingKind.Put,
            RequestId = Guid.NewGuid(),
            Body = body,
            Index = index,
            Format = format,
            Then = then,
        };
    }

    public Task<SendResult> ExecuteAsync(PendingOperation pending, CancellationToken cancellationToken) => pending.Kind == PendingKind.Put
        ? PutAsync(pending.Index!.Value, pending.Body!, cancellationToken)
        : throw new InvalidOperationException($"A dropbox transfer cannot carry out a {pending.Kind} operation.");

    // Every message is deleted by its reader; nothing is left to close.
    public PendingOperation? Closing(PendingOutcome outcome) => null;

    // A message that does not open cannot join the transcript, so no later location can be derived to say so.
    public AbortAction OnAbort(TransferError error) => error == TransferError.DecryptionFailed ? AbortAction.Silent : AbortAction.Notify;

    public DateTimeOffset? BeginWait(bool claiming)
    {
        if (HasUnhandledInbound)
        {
            return null;
        }

        var index = Count;
        if (_dropbox.WaitIndex != index || _dropbox.Deadline is null)
        {
            var now = _options.TimeProvider.GetUtcNow();
            var deadline = claiming ? now + FirstMessageGrace : now + _options.AnswerTimeout;
            if (!claiming && _state.Expiration is { } expiration && expiration < deadline)
            {
                deadline = expiration;
            }

            _dropbox.WaitIndex = index;
            _dropbox.Deadline = deadline;
            _deadlineUnsaved = true;
            _poll.Reset();
        }

        return claiming ? null : _dropbox.Deadline;
    }

    public async Task<ReceiveResult> ReceiveAsync(bool claiming, CancellationToken cancellationToken)
    {
        if (HasUnhandledInbound)
        {
            return await RedeliverAsync(cancellationToken).ConfigureAwait(false);
        }

        BeginWait(claiming);
        if (_deadlineUnsaved)
        {
            // A restart continues the same wait rather than starting a new one.
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            _deadlineUnsaved = false;
        }

        var index = Count;
        var remaining = _dropbox.Deadline!.Value - _options.TimeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return await GiveUpAsync(claiming, index, cancellationToken).ConfigureAwait(false);
        }

        using var schedule = ScheduleAt(index);
        var location = _invitation.GetMessageUri(schedule.GetLocation());
        var wait = remaining < _options.LongPollWait ? remaining : _options.LongPollWait;
        var response = await _client.GetAsync(location, _cookies, wait, cancellationToken).ConfigureAwait(false);
        await KeepCookiesAsync(response, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case DropboxResponseStatus.Locked when claiming:
                // The relay's lock admits two clients per location: another device took this share first.
                return new ReceiveResult(ReceiveStatus.ClaimedByOther);
            case DropboxResponseStatus.Locked:
                throw Locked();
            case DropboxResponseStatus.NotFound:
                await PauseAsync(wait, response.Elapsed, remaining, cancellationToken).ConfigureAwait(false);
                return ReceiveResult.Nothing;
        }

        return await TakeAsync(schedule, location, response.Body!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TurnResult> TakeTurnAsync(CancellationToken cancellationToken)
    {
        if (HasUnhandledInbound)
        {
            var redelivered = await RedeliverAsync(cancellationToken).ConfigureAwait(false);
            return new TurnResult(TurnStatus.PeerMessage, redelivered.Message);
        }

        var index = Count;
        if (OwnsIndex(index))
        {
            return TurnResult.Mine;
        }

        if (_state.Role == TransferRole.Initiator && index == 1 && !_state.PeerSeen)
        {
            // Message 0 may still be unread: deleting it withdraws the share before anyone saw it.
            using var first = ScheduleAt(0);
            var deleted = await DeleteAsync(_invitation.GetMessageUri(first.GetLocation()), cancellationToken).ConfigureAwait(false);
            if (deleted)
            {
                return new TurnResult(TurnStatus.Withdrawn);
            }
        }

        using var schedule = ScheduleAt(index);
        var location = _invitation.GetMessageUri(schedule.GetLocation());
        var response = await _client.GetAsync(location, _cookies, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await KeepCookiesAsync(response, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case DropboxResponseStatus.Locked:
                throw Locked();
            case DropboxResponseStatus.NotFound:
                // The other side has not written yet: this side's cancel goes where its message would.
                return TurnResult.Mine;
        }

        var taken = await TakeAsync(schedule, location, response.Body!, cancellationToken).ConfigureAwait(false);
        return taken.Status == ReceiveStatus.Message
            ? new TurnResult(TurnStatus.PeerMessage, taken.Message)
            : new TurnResult(TurnStatus.Lost);
    }

    public async Task DiscardAsync(CancellationToken cancellationToken)
    {
        if (_state.Role != TransferRole.Initiator || _state.Pending is not { Kind: PendingKind.Put, Index: 0 })
        {
            return;
        }

        // Message 0 may have been stored by an attempt whose answer was lost; nobody has the invitation, but a plain
        // server would keep it forever.
        try
        {
            using var first = ScheduleAt(0);
            await DeleteAsync(_invitation.GetMessageUri(first.GetLocation()), cancellationToken).ConfigureAwait(false);
        }
        catch (TransferException)
        {
            // Best effort: the location cannot be found without R, which never left this device.
        }
    }

    public void Dispose() => _invitation.Dispose();

    private async Task<SendResult> PutAsync(int index, byte[] body, CancellationToken cancellationToken)
    {
        using var schedule = ScheduleAt(index);
        var location = _invitation.GetMessageUri(schedule.GetLocation());
        var conflicted = false;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Look before writing: the other side may have put its cancel here while it was waiting, or an earlier
            // attempt of this side (whose answer was lost) may already have stored the message.
            var existing = await _client.GetAsync(location, _cookies, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            await KeepCookiesAsync(existing, cancellationToken).ConfigureAwait(false);
            switch (existing.Status)
            {
                case DropboxResponseStatus.Locked:
                    throw Locked();
                case DropboxResponseStatus.Ok when existing.Body.AsSpan().SequenceEqual(body):
                    return SendResult.Delivered;
                case DropboxResponseStatus.Ok:
                    return await PreemptedAsync(schedule, location, existing.Body!, index, cancellationToken).ConfigureAwait(false);
                case DropboxResponseStatus.NotFound when conflicted:
                    // Written, and already taken: by the other side reading this message after an attempt whose answer was lost.
                    return SendResult.Delivered;
                case DropboxResponseStatus.NotFound when index == _uncertainPut && await IsAnsweredAsync(index, cancellationToken).ConfigureAwait(false):
                    // An earlier attempt got through and the other side has read it and answered: writing again would
                    // leave a copy nobody reads on a server that overwrites.
                    return SendResult.Delivered;
            }

            _uncertainPut = index;
            var put = await _client.PutAsync(location, body, _cookies, cancellationToken).ConfigureAwait(false);
            await KeepCookiesAsync(put, cancellationToken).ConfigureAwait(false);
            switch (put.Status)
            {
                case DropboxResponseStatus.Ok:
                    return SendResult.Delivered;
                case DropboxResponseStatus.Locked:
                    throw Locked();
            }

            // Written in the meantime (a write-once server): look at what is there.
            conflicted = true;
        }

        throw new TransferException(TransferError.RelayRefused, "The dropbox server keeps refusing to store the message without holding another one.");
    }

    /// <summary>Whether the other side's answer to message <paramref name="index"/> is stored: it can only have written
    /// it after reading that message. The answer stays where it is, for the next read.</summary>
    private async Task<bool> IsAnsweredAsync(int index, CancellationToken cancellationToken)
    {
        using var schedule = ScheduleAt(index + 1);
        var response = await _client.GetAsync(_invitation.GetMessageUri(schedule.GetLocation()), _cookies, TimeSpan.Zero, cancellationToken)
            .ConfigureAwait(false);
        await KeepCookiesAsync(response, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            DropboxResponseStatus.Ok => true,
            DropboxResponseStatus.Locked => throw Locked(),
            _ => false,
        };
    }

    /// <summary>The other side's message sits where this side's belongs: it must open as message <paramref name="index"/>.</summary>
    private async Task<SendResult> PreemptedAsync(KeySchedule schedule, Uri location, byte[] found, int index, CancellationToken cancellationToken)
    {
        var opened = Open(schedule, found);
        if (opened is null)
        {
            return new SendResult(SendStatus.Corrupted);
        }

        await DeleteAsync(location, cancellationToken).ConfigureAwait(false);

        // This side's sealed message never left; the other side's takes its place in the transcript.
        _dropbox.Transcript[index] = opened.Encode();
        return new SendResult(SendStatus.Preempted, new InboundMessage(_state.Received, opened.Message.ToArray()));
    }

    /// <summary>Takes the other side's message: opens it, records it, deletes it from the server, hands it over.</summary>
    private async Task<ReceiveResult> TakeAsync(KeySchedule schedule, Uri location, byte[] body, CancellationToken cancellationToken)
    {
        var opened = Open(schedule, body);
        if (opened is null)
        {
            // Consumed either way: what does not open is offered to nobody else.
            await DeleteAsync(location, cancellationToken).ConfigureAwait(false);
            return new ReceiveResult(ReceiveStatus.Undecryptable);
        }

        // Recorded before the delete and before anything acts on it, so a crash in between neither loses the
        // message (the server no longer has it) nor handles it twice.
        _dropbox.Transcript.Add(opened.Encode());
        _dropbox.WaitIndex = null;
        _dropbox.Deadline = null;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(location, cancellationToken).ConfigureAwait(false);
        return new ReceiveResult(ReceiveStatus.Message, new InboundMessage(_state.Received, opened.Message.ToArray()));
    }

    /// <summary>The message taken before a restart, from the transcript; its delete is repeated in case it did not get through.</summary>
    private async Task<ReceiveResult> RedeliverAsync(CancellationToken cancellationToken)
    {
        var index = Count - 1;
        using (var schedule = ScheduleAt(index))
        {
            await DeleteAsync(_invitation.GetMessageUri(schedule.GetLocation()), cancellationToken).ConfigureAwait(false);
        }

        var message = TigressPlaintext.Parse(_dropbox.Transcript[index]);
        return new ReceiveResult(ReceiveStatus.Message, new InboundMessage(_state.Received, message.Message.ToArray()));
    }

    private async Task<ReceiveResult> GiveUpAsync(bool claiming, int index, CancellationToken cancellationToken)
    {
        if (claiming)
        {
            return new ReceiveResult(ReceiveStatus.Gone);
        }

        // Nobody will read this side's last message now; a plain server would keep it forever.
        if (index > 0 && OwnsIndex(index - 1))
        {
            try
            {
                using var schedule = ScheduleAt(index - 1);
                await DeleteAsync(_invitation.GetMessageUri(schedule.GetLocation()), cancellationToken).ConfigureAwait(false);
            }
            catch (TransferException)
            {
                // The server's own expiry, if it has one, removes it.
            }
        }

        return new ReceiveResult(ReceiveStatus.Expired);
    }

    private async Task PauseAsync(TimeSpan wait, TimeSpan elapsed, TimeSpan remaining, CancellationToken cancellationToken)
    {
        // A server that honours Prefer: wait held the read until the wait ran out: read again at once.
        if (wait >= TimeSpan.FromSeconds(1) && elapsed >= wait / 2)
        {
            _poll.Reset();
            return;
        }

        // It answered at once (a plain server ignores Prefer): poll, backing off up to the cap.
        var options = _client.Options;
        var pause = _poll.Next();
        await Task.Delay(pause < remaining ? pause : remaining, options.TimeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a message; true when it was there, false when it was not (already taken, or expired).</summary>
    private async Task<bool> DeleteAsync(Uri location, CancellationToken cancellationToken)
    {
        var response = await _client.DeleteAsync(location, _cookies, cancellationToken).ConfigureAwait(false);
        await KeepCookiesAsync(response, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            DropboxResponseStatus.Ok => true,
            DropboxResponseStatus.Locked => throw Locked(),
            _ => false,
        };
    }

    private async ValueTask KeepCookiesAsync(DropboxResponse response, CancellationToken cancellationToken)
    {
        if (!response.CookiesChanged)
        {
            return;
        }

        // Stored at once: a restarted device without its lock cookie would count as a third client.
        _dropbox.Cookies = [.. _cookies.GetAllCookies().Select(c => new DropboxCookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path })];
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask SaveAsync(CancellationToken cancellationToken) => _stateChanged(cancellationToken);

    private bool OwnsIndex(int index) => (index % 2 == 0) == (_state.Role == TransferRole.Initiator);

    /// <summary>A key schedule at message <paramref name="index"/>, rebuilt from the stored transcript (the running
    /// hash itself cannot be stored).</summary>
    private KeySchedule ScheduleAt(int index)
    {
        var schedule = new KeySchedule(_invitation);
        for (var i = 0; i < index; i++)
        {
            schedule.AppendToTranscript(_dropbox.Transcript[i]);
        }

        return schedule;
    }

    private static TigressPlaintext? Open(KeySchedule schedule, byte[] body)
    {
        try
        {
            return schedule.OpenNext(body);
        }
        catch (TigressProtocolException)
        {
            // Authentic but out of order (another id) or malformed: as unusable as a body that does not open.
            return null;
        }
    }

    private static TransferException Locked() => new(
        TransferError.RelayRefused,
        "The dropbox server's lock admits other devices at this exchange's location, not this one: the invitation may have leaked.");
}

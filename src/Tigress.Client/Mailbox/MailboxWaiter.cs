namespace Tigress.Client.Mailbox;

/// <summary>
/// What wakes a mailbox channel that waits for the other side: the relay's event stream (docs/protocol.md section 8), followed in the
/// background for as long as the channel lives, and push messages the app hands to
/// <see cref="MailboxClient.NotifyPushReceived"/>. It only collects what happened; the channel decides what to do.
/// </summary>
/// <remarks>
/// The first connection asks for the whole log (<c>Last-Event-ID: 0</c>), so a claim or a write that happened before
/// the stream opened is still heard; every connection also asks for one read, which covers anything the log no longer
/// holds. Later connections resume from the last event seen.
/// </remarks>
internal sealed class MailboxWaiter : IDisposable
{
    private readonly MailboxClient _client;
    private readonly Uri _mailboxUri;
    private readonly Guid _claim;
    private readonly MailboxSide _side;
    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _push;
    private readonly Lock _lock = new();
    private TaskCompletionSource _signal = NewSignal();
    private readonly TaskCompletionSource _peerClaimSeen = NewSignal();
    private CancellationTokenSource? _stop;
    private StreamState _stream;
    private long _lastEventId;
    private bool _readNeeded;
    private bool _peerClaimed;
    // More wrong-PIN events than any share allows guesses come from a misbehaving relay; they are not kept.
    private const int RelayPinMaxEvents = 16;

    private readonly Queue<int> _pinFailures = new();
    private MailboxEventKind? _end;
    private Exception? _failure;
    private bool _disposed;

    public MailboxWaiter(MailboxClient client, Uri mailboxUri, Guid claim, MailboxSide side, TimeProvider timeProvider)
    {
        _client = client;
        _mailboxUri = mailboxUri;
        _claim = claim;
        _side = side;
        _timeProvider = timeProvider;
        if (Guid.TryParse(mailboxUri.Segments[^1], out var mailboxId))
        {
            _push = client.ListenForPush(mailboxId, OnPush);
        }
    }

    private enum StreamState
    {
        Off = 0,
        Connecting = 1,
        Open = 2,
        Failed = 3,
        Ended = 4,
    }

    /// <summary>True while the stream is being opened or is open: events will wake the wait.</summary>
    public bool IsStreaming
    {
        get
        {
            lock (_lock)
            {
                return _stream is StreamState.Connecting or StreamState.Open;
            }
        }
    }

    /// <summary>Completes once the stream has brought the other side's <c>claimed</c> event (an initiator's waiter):
    /// every event logged before the claim has been collected by then.</summary>
    public Task PeerClaimSeen => _peerClaimSeen.Task;

    /// <summary>Opens the event stream in the background, unless it is open or being opened.</summary>
    public void StartStream()
    {
        CancellationTokenSource stop;
        lock (_lock)
        {
            if (_disposed || _stream is StreamState.Connecting or StreamState.Open or StreamState.Ended)
            {
                return;
            }

            _stream = StreamState.Connecting;
            _failure = null;
            _stop = stop = new CancellationTokenSource();
        }

        // On the thread pool, so that no caller's synchronization context (a UI thread) ever runs the pump.
        _ = Task.Run(() => PumpAsync(stop));
    }

    /// <summary>Takes the most urgent thing that happened since the last call: a claim by the other side first (it
    /// came first), then a read to do, then the mailbox's end, then the stream's failure.</summary>
    public Wake Take()
    {
        lock (_lock)
        {
            if (_peerClaimed)
            {
                _peerClaimed = false;
                return new Wake(WakeReason.PeerClaimed);
            }

            if (_readNeeded)
            {
                _readNeeded = false;
                return new Wake(WakeReason.Read);
            }

            if (_end is { } end)
            {
                _end = null;
                return new Wake(end == MailboxEventKind.Expired ? WakeReason.Expired : WakeReason.Deleted);
            }

            if (_failure is { } failure)
            {
                _failure = null;
                return new Wake(WakeReason.StreamFailed, failure);
            }

            return default;
        }
    }

    /// <summary>Takes the next wrong PIN proof the relay reported, as the guesses it left, oldest first.</summary>
    public int? TakePinFailure()
    {
        lock (_lock)
        {
            return _pinFailures.TryDequeue(out var left) ? left : null;
        }
    }

    /// <summary>Forgets a read asked for, before a read that serves it anyway.</summary>
    public void ForgetRead()
    {
        lock (_lock)
        {
            _readNeeded = false;
        }
    }

    /// <summary>Returns once something is waiting to be taken, or <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_lock)
        {
            if (_peerClaimed || _readNeeded || _end is not null || _failure is not null || _pinFailures.Count > 0)
            {
                return;
            }

            signal = _signal.Task;
        }

        try
        {
            await signal.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing happened in time: the caller decides whether to wait again.
        }
    }

    public void Dispose()
    {
        CancellationTokenSource? stop;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            stop = _stop;
            _stop = null;
        }

        _push?.Dispose();

        try
        {
            stop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pump ended meanwhile and disposed its token source: there is nothing left to stop.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task PumpAsync(CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        try
        {
            long lastEventId;
            lock (_lock)
            {
                lastEventId = _lastEventId;
            }

            await foreach (var mailboxEvent in _client.ReadEventsCoreAsync(_mailboxUri, _claim, lastEventId, OnConnected, cancellationToken).ConfigureAwait(false))
            {
                OnEvent(mailboxEvent);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: nobody waits any more.
        }
        catch (Exception exception)
        {
            // Whatever broke the stream (a refusal, a malformed stream, a bug), the channel falls back to long polls.
            Update(() =>
            {
                _stream = StreamState.Failed;
                _failure = exception;
            });
        }
        finally
        {
            lock (_lock)
            {
                if (ReferenceEquals(_stop, stop))
                {
                    _stop = null;
                }
            }

            // Only the pump disposes its token source, once the read it cancelled has returned.
            stop.Dispose();
        }
    }

    private void OnConnected() => Update(() =>
    {
        _stream = StreamState.Open;
        _readNeeded = true;
    });

    private void OnEvent(MailboxEvent mailboxEvent) => Update(() =>
    {
        _lastEventId = mailboxEvent.Id;
        var fromOtherSide = mailboxEvent.Side != _side;
        switch (mailboxEvent.Kind)
        {
            case MailboxEventKind.Claimed when _side == MailboxSide.Initiator && fromOtherSide:
                _peerClaimed = true;
                _peerClaimSeen.TrySetResult();
                break;
            case MailboxEventKind.Updated when fromOtherSide:
                _readNeeded = true;
                break;
            case MailboxEventKind.PinFailed when _side == MailboxSide.Initiator && mailboxEvent.GuessesLeft is { } left:
                if (_pinFailures.Count < RelayPinMaxEvents)
                {
                    _pinFailures.Enqueue(left);
                }

                break;
            case MailboxEventKind.Deleted or MailboxEventKind.Expired:
                _stream = StreamState.Ended;
                _end = mailboxEvent.Kind;
                break;
        }
    });

    private void OnPush(MailboxEventKind kind) => Update(() =>
    {
        // A push names no side: it is always about the other side, and a read tells what changed.
        if (kind == MailboxEventKind.Claimed)
        {
            _peerClaimed |= _side == MailboxSide.Initiator;
        }
        else
        {
            _readNeeded = true;
        }
    });

    private void Update(Action change)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            change();
            signal = _signal;
            _signal = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Why a wait woke.</summary>
    internal enum WakeReason
    {
        None = 0,
        PeerClaimed = 1,
        Read = 2,
        Deleted = 3,
        Expired = 4,
        StreamFailed = 5,
    }

    /// <summary>One wake-up, with the stream's failure for <see cref="WakeReason.StreamFailed"/>.</summary>
    internal readonly record struct Wake(WakeReason Reason, Exception? Failure = null);
}

using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>Sending recorded requests, and the ways a transfer ends: completion, cancel, expiry, failure.</summary>
public sealed partial class TransferSession
{
    /// <summary>Sends the recorded request (and any that follows from it), exactly as recorded.</summary>
    private async Task ExecutePendingAsync(CancellationToken cancellationToken)
    {
        while (_state.Pending is { } pending && _state.Status == TransferStatus.Active)
        {
            var result = await _channel.ExecuteAsync(pending, cancellationToken).ConfigureAwait(false);
            switch (result.Status)
            {
                case SendStatus.Delivered:
                    await OnDeliveredAsync(pending, cancellationToken).ConfigureAwait(false);
                    break;

                case SendStatus.Done:
                    _state.Pending = null;
                    await EndAsync(Outcome(pending.Then), cancellationToken).ConfigureAwait(false);
                    break;

                case SendStatus.Gone:
                    // The share is gone. For a delete or relinquish that is the goal; a write has nowhere to go.
                    _state.Pending = null;
                    var stopping = pending.Kind is PendingKind.Delete or PendingKind.Relinquish || pending.Then is PendingOutcome.Cancel or PendingOutcome.Fail;
                    await EndAsync(stopping ? Outcome(pending.Then) : TransferStatus.Expired, cancellationToken).ConfigureAwait(false);
                    break;

                case SendStatus.Preempted:
                    _state.Pending = null;
                    await OnPreemptedAsync(pending, result.Message!, cancellationToken).ConfigureAwait(false);
                    break;

                case SendStatus.Corrupted:
                    _state.Pending = null;
                    await FailAsync(
                        TransferError.DecryptionFailed,
                        "Something the other side did not write sits where this side's next message belongs: the invitation leaked, or the server altered the exchange.",
                        cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task OnDeliveredAsync(PendingOperation pending, CancellationToken cancellationToken)
    {
        var sequence = _state.Sent++;
        if (pending.Kind == PendingKind.Create)
        {
            Raise(TransferEventKind.MailboxCreated);
        }

        Raise(TransferEventKind.MessageSent, sequence, pending.Format);
        if (pending.Then != PendingOutcome.Continue && _channel.Closing(pending.Then) is { } closing)
        {
            // The binding ends a transfer this side stops with one more request (the mailbox initiator deletes).
            await RecordAsync(closing, cancellationToken).ConfigureAwait(false);
            return;
        }

        _state.Pending = null;
        if (pending.Then == PendingOutcome.Continue)
        {
            await CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await EndAsync(Outcome(pending.Then), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The other side wrote where this side's message belonged. Only a cancel may do that; a side that was
    /// itself cancelling out of turn instead takes the other side's message and cancels in its own turn.</summary>
    private async Task OnPreemptedAsync(PendingOperation pending, InboundMessage inbound, CancellationToken cancellationToken)
    {
        var message = Accept(inbound);
        if (message?.Format == ControlFormats.Cancel)
        {
            await OnPeerCancelAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message is not null && pending.Then == PendingOutcome.Cancel)
        {
            await CancelInTurnAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        await FailAsync(TransferError.ProtocolViolation, "The other side wrote when it was this side's turn.", cancellationToken).ConfigureAwait(false);
    }

    private async Task CancelCoreAsync(string reason, CancellationToken cancellationToken)
    {
        _state.CancelReason = reason;
        _state.CancelledByPeer = false;
        if (_offered is not null)
        {
            // An offer held for the app's decision: the turn is this side's, so the cancel is its answer.
            _offered = null;
            await SendCancelAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_channel.NothingShared)
        {
            // The link was never handed out (initiator) or never used (recipient): nobody to tell.
            await _channel.DiscardAsync(cancellationToken).ConfigureAwait(false);
            _state.Pending = null;
            await EndAsync(TransferStatus.Cancelled, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A message already recorded goes out first, so the cancel takes the next sequence number and the other
        // side can open it. If the server cannot be reached the transfer stays active with the request recorded,
        // and a later call finishes it.
        if (_state.Pending is { Kind: PendingKind.Update or PendingKind.Create or PendingKind.Put })
        {
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_state.Status != TransferStatus.Active)
        {
            return;
        }

        if (_state.Pending is not null)
        {
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var turn = await _channel.TakeTurnAsync(cancellationToken).ConfigureAwait(false);
        switch (turn.Status)
        {
            case TurnStatus.Withdrawn:
            case TurnStatus.Lost:
                await EndAsync(TransferStatus.Cancelled, cancellationToken).ConfigureAwait(false);
                return;

            case TurnStatus.PeerMessage:
                var message = Accept(turn.Message!);
                if (message?.Format == ControlFormats.Cancel)
                {
                    await OnPeerCancelAsync(message, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await CancelInTurnAsync(message, cancellationToken).ConfigureAwait(false);
                return;

            default:
                await SendCancelAsync(cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>This side was cancelling when the other side's message came in: the transfer may be complete already,
    /// otherwise the cancel goes out as this side's answer.</summary>
    private async Task CancelInTurnAsync(ProvisioningInformation? message, CancellationToken cancellationToken)
    {
        if (message?.Format == ControlFormats.Complete && _state.Role == TransferRole.Initiator)
        {
            // Too late to cancel: the recipient holds the credential.
            _state.CancelReason = null;
            await CloseAsync(PendingOutcome.Complete, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendCancelAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task SendCancelAsync(CancellationToken cancellationToken)
    {
        var notice = new ControlContent { Reason = _state.CancelReason, Code = "cancelled" };
        return SendAsync(ControlMessage(ControlFormats.Cancel, notice), PendingOutcome.Cancel, cancellationToken);
    }

    /// <summary>Stops the transfer for <paramref name="error"/>, telling the other side why where the binding can: a
    /// mailbox recipient that cannot decrypt the first message lets go of its claim (so the rightful recipient still
    /// can claim), otherwise a cancel message goes out where the exchange can still carry one. Then throws.</summary>
    private async Task AbortAsync(TransferError error, string message, CancellationToken cancellationToken)
    {
        _state.Failure = error;
        _state.FailureMessage = message;
        try
        {
            switch (_channel.OnAbort(error))
            {
                case AbortAction.Relinquish:
                    await RecordAsync(new PendingOperation { Kind = PendingKind.Relinquish, RequestId = Guid.NewGuid(), Then = PendingOutcome.Fail }, cancellationToken)
                        .ConfigureAwait(false);
                    await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
                    break;

                case AbortAction.Notify:
                    var notice = new ControlContent { Reason = message, Code = ErrorCode(error) };
                    await SendAsync(ControlMessage(ControlFormats.Cancel, notice), PendingOutcome.Fail, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (TransferException)
        {
            // Telling the other side is a courtesy; the failure stands either way.
        }

        await FailAsync(error, message, cancellationToken).ConfigureAwait(false);
    }

    private async Task FailAsync(TransferError error, string message, CancellationToken cancellationToken)
    {
        _state.Failure = error;
        _state.FailureMessage = message;
        await EndAsync(TransferStatus.Failed, cancellationToken).ConfigureAwait(false);
        throw new TransferException(error, message) { GuessesLeft = _state.FailureGuessesLeft };
    }

    private async Task EndAsync(TransferStatus status, CancellationToken cancellationToken)
    {
        if (_state.Status == status)
        {
            // Already ended this way (an abort that told the other side, then failed): report it once.
            return;
        }

        _state.Status = status;
        _state.Pending = null;

        // An ended PIN exchange leaves nothing to resume from.
        _state.Pin = null;
        if (status != TransferStatus.Completed)
        {
            _state.Result = null;
        }

        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case TransferStatus.Completed:
                Raise(TransferEventKind.Completed);
                break;
            case TransferStatus.Cancelled:
                Raise(TransferEventKind.Cancelled, reason: _state.CancelReason);
                break;
            case TransferStatus.Expired:
                Raise(TransferEventKind.Expired);
                break;
            case TransferStatus.Failed:
                Raise(TransferEventKind.Failed, reason: _state.FailureMessage);
                break;
        }
    }

    private static TransferStatus Outcome(PendingOutcome then) => then switch
    {
        PendingOutcome.Complete => TransferStatus.Completed,
        PendingOutcome.Cancel => TransferStatus.Cancelled,
        PendingOutcome.Fail => TransferStatus.Failed,
        _ => TransferStatus.Active,
    };

    private static string ErrorCode(TransferError error) => error switch
    {
        TransferError.DecryptionFailed => "decryption-failed",
        TransferError.PreviewMismatch => "preview-mismatch",
        TransferError.VerificationFailed => "verification-failed",
        TransferError.UnsupportedFormat => "unsupported-format",
        TransferError.WrongPin => WrongPinCode,
        TransferError.PinRequired => "pin-required",
        _ => "protocol-violation",
    };
}

using Tigress.Client.Mailbox;

namespace Tigress.Client.Transfers;

/// <summary>Sending recorded requests, and the ways a transfer ends: completion, cancel, expiry, failure.</summary>
public sealed partial class TransferSession
{
    private static readonly MailboxAccessRights s_recipientRights =
        MailboxAccessRights.Read | MailboxAccessRights.Write | MailboxAccessRights.Delete;

    /// <summary>Sends the recorded request (and any that follows from it) with its recorded request id.</summary>
    private async Task ExecutePendingAsync(CancellationToken cancellationToken)
    {
        while (_state.Pending is { } pending)
        {
            try
            {
                await ExecuteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            catch (MailboxException exception) when (exception.Error == MailboxError.NotFound)
            {
                // The mailbox is gone. For a delete or relinquish that is the goal; a write has nowhere to go.
                _state.Pending = null;
                if (pending.Kind is PendingKind.Delete or PendingKind.Relinquish || pending.Then is PendingOutcome.Cancel or PendingOutcome.Fail)
                {
                    await EndAsync(Outcome(pending.Then), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await EndAsync(TransferStatus.Expired, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (MailboxException exception)
            {
                throw RelayProblem(exception);
            }
        }
    }

    private async Task ExecuteAsync(PendingOperation pending, CancellationToken cancellationToken)
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
                        NotificationToken = _state.NotificationToken is { } token ? new NotificationToken(token.Type, token.TokenData) : null,
                    },
                    pending.RequestId,
                    cancellationToken).ConfigureAwait(false);
                _state.MailboxUri = created.MailboxUri;
                _state.Sent++;
                _state.Pending = null;
                await CheckpointAsync(cancellationToken).ConfigureAwait(false);
                Raise(TransferEventKind.MailboxCreated);
                Raise(TransferEventKind.MessageSent, 0, pending.Format);
                break;

            case PendingKind.Update:
                await _client.UpdateAsync(_state.MailboxUri!, _state.Claim, pending.Payload!, pending.RequestId, cancellationToken).ConfigureAwait(false);
                var sequence = _state.Sent++;
                Raise(TransferEventKind.MessageSent, sequence, pending.Format);
                if (pending.Then != PendingOutcome.Continue && _state.Role == TransferRole.Initiator)
                {
                    // The initiator ends a transfer it stops by deleting the mailbox, after the message that says why.
                    await RecordAsync(new PendingOperation { Kind = PendingKind.Delete, RequestId = Guid.NewGuid(), Then = pending.Then }, cancellationToken)
                        .ConfigureAwait(false);
                    break;
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

                break;

            case PendingKind.Delete:
                await _client.DeleteAsync(_state.MailboxUri!, _state.Claim, pending.RequestId, cancellationToken).ConfigureAwait(false);
                _state.Pending = null;
                await EndAsync(Outcome(pending.Then), cancellationToken).ConfigureAwait(false);
                break;

            case PendingKind.Relinquish:
                await _client.RelinquishAsync(_state.MailboxUri!, _state.Claim, pending.RequestId, cancellationToken).ConfigureAwait(false);
                _state.Pending = null;
                await EndAsync(Outcome(pending.Then), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task CancelCoreAsync(string reason, CancellationToken cancellationToken)
    {
        var nothingShared = _state.Role == TransferRole.Initiator ? _state.MailboxUri is null : !_state.PeerSeen;
        _state.CancelReason = reason;
        _state.CancelledByPeer = false;
        if (nothingShared)
        {
            // The link was never handed out (initiator) or never used (recipient): nobody to tell.
            _state.Pending = null;
            await EndAsync(TransferStatus.Cancelled, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A message already recorded goes out first, so the cancel takes the next sequence number and the other
        // side can open it. If the relay cannot be reached the transfer stays active with the request recorded,
        // and a later call finishes it.
        if (_state.Pending is { Kind: PendingKind.Update or PendingKind.Create })
        {
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_state.Status != TransferStatus.Active)
        {
            return;
        }

        if (_state.Pending is null)
        {
            var notice = new ControlContent { Reason = reason, Code = "cancelled" };
            await SendAsync(ControlMessage(ControlFormats.Cancel, notice), PendingOutcome.Cancel, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the transfer for <paramref name="error"/>, telling the other side why where it can: a recipient
    /// that cannot decrypt the first message lets go of its claim (so the rightful recipient still can claim),
    /// otherwise a cancel message goes out (and the initiator deletes). Then throws.</summary>
    private async Task AbortAsync(TransferError error, string message, CancellationToken cancellationToken)
    {
        _state.Failure = error;
        _state.FailureMessage = message;
        try
        {
            if (_state.Role == TransferRole.Recipient && _state.Received == 0 && error == TransferError.DecryptionFailed)
            {
                await RecordAsync(new PendingOperation { Kind = PendingKind.Relinquish, RequestId = Guid.NewGuid(), Then = PendingOutcome.Fail }, cancellationToken)
                    .ConfigureAwait(false);
                await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var notice = new ControlContent { Reason = message, Code = ErrorCode(error) };
                await SendAsync(ControlMessage(ControlFormats.Cancel, notice), PendingOutcome.Fail, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is TransferException or MailboxException)
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
        throw new TransferException(error, message);
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
        _ => "protocol-violation",
    };

    private static TransferException RelayProblem(MailboxException exception) => exception.Error == MailboxError.RelayUnreachable
        ? new TransferException(TransferError.RelayUnreachable, "The relay could not be reached.", exception)
        : new TransferException(TransferError.RelayRefused, exception.Message, exception);
}

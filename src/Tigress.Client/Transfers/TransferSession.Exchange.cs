using System.Security.Cryptography;
using System.Text.Json;
using Tigress.Client.Verticals;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake.Messages;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>Reading the other side's messages and deciding the answer.</summary>
public sealed partial class TransferSession
{
    private async Task StepCoreAsync(CancellationToken cancellationToken)
    {
        if (_offered is { } offered)
        {
            // The app saw the offer and goes on: that is the acceptance.
            _offered = null;
            await AnswerAsync(offered, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_state.Pending is not null)
        {
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (HasStoredPinAnswer)
        {
            // A restart between reading the recipient's answer and acting on it: check the stored one, never a new one.
            await CheckPinAnswerAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await ReceiveAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var claiming = _state.Role == TransferRole.Recipient && !_state.PeerSeen;
        var deadline = _channel.BeginWait(claiming);
        if (!_waitingAnnounced && !claiming)
        {
            Raise(TransferEventKind.Waiting, deadline: deadline);
            _waitingAnnounced = true;
        }

        var received = await _channel.ReceiveAsync(claiming, cancellationToken).ConfigureAwait(false);

        // A relay-assisted PIN's session key comes from the binding's claim.
        _pinCipher ??= LoadPinCipher(_state);

        switch (received.Status)
        {
            case ReceiveStatus.Nothing:
                ReportUnansweredClaim();
                return;

            case ReceiveStatus.Gone when IsAwaitingPinConfirmation:
                // The mailbox initiator ends a PIN share at once when the answer does not verify; the wrong-PIN notice
                // it writes first was overtaken by the delete.
                await FailAsync(TransferError.WrongPin, PinEndedMessage, cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.Gone:
            case ReceiveStatus.Expired:
                await EndAsync(TransferStatus.Expired, cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.PeerClaimed:
                // The relay told of the claim before the recipient wrote anything: show it now.
                if (_state.Role == TransferRole.Initiator && !_state.PeerSeen)
                {
                    _state.PeerSeen = true;
                    _state.ClaimedAt = _options.TimeProvider.GetUtcNow();
                    await CheckpointAsync(cancellationToken).ConfigureAwait(false);
                    Raise(TransferEventKind.Claimed);
                }

                return;

            case ReceiveStatus.PinGuessFailed:
                await OnPinGuessFailedAsync(received.GuessesLeft ?? 0, cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.WrongPin when received.GuessesLeft is > 0 and var left:
                _state.FailureGuessesLeft = left;
                await FailAsync(TransferError.WrongPin, WrongRelayPinMessage(left), cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.WrongPin or ReceiveStatus.PinLocked:
                _state.FailureGuessesLeft = 0;
                await FailAsync(TransferError.WrongPin, RelayPinLockedMessage, cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.ClaimedByOther when _state.PinKind == PinProtection.Spake2:
                await FailAsync(
                    TransferError.AlreadyClaimed,
                    "This PIN share was already claimed by another device, which holds it until it answers or the share expires: tell the sender, who can cancel it and share again.",
                    cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.ClaimedByOther:
                await FailAsync(TransferError.AlreadyClaimed, "This share was already claimed by another device.", cancellationToken).ConfigureAwait(false);
                return;

            case ReceiveStatus.Undecryptable:
                await AbortAsync(TransferError.DecryptionFailed, DecryptionFailedMessage(), cancellationToken).ConfigureAwait(false);
                return;
        }

        var inbound = received.Message!;
        if (claiming)
        {
            _state.PeerSeen = true;
            _state.Expiration = inbound.Expiration ?? _state.Expiration;
            await CheckpointAsync(cancellationToken).ConfigureAwait(false);
            Raise(TransferEventKind.Claimed);
        }

        await HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Initiator of a SPAKE2 PIN share: a device claimed it long ago and never answered the PIN step. It holds
    /// the share (first claim wins), so the sender should hear of it rather than wait for the expiry.</summary>
    private void ReportUnansweredClaim()
    {
        if (_state is { Role: TransferRole.Initiator, Received: 0, ClaimedAt: { } claimedAt, ClaimUnansweredReported: false }
            && _state.PinKind == PinProtection.Spake2
            && _options.TimeProvider.GetUtcNow() - claimedAt >= _options.ClaimAnswerTimeout)
        {
            _state.ClaimUnansweredReported = true;
            Raise(
                TransferEventKind.ClaimUnanswered,
                reason: "A device opened the link but did not answer the PIN step: it holds the share until it answers or the share expires. If the recipient says it was not them, cancel and share again.");
        }
    }

    private async Task HandleAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var expected = _state.Received;
        var message = Accept(inbound, out var undecryptable);
        if (undecryptable)
        {
            await AbortAsync(TransferError.DecryptionFailed, DecryptionFailedMessage(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message is null)
        {
            await AbortAsync(TransferError.ProtocolViolation, "The other side sent a message that is not provisioning information.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        if (message.Format == ControlFormats.Cancel)
        {
            await OnPeerCancelAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (inbound.Sequence != expected)
        {
            await AbortAsync(TransferError.ProtocolViolation, "A message from the other side was lost: it wrote twice without waiting for an answer.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        if (_state.Pin is not null || PinFormats.IsPinFormat(message.Format))
        {
            // The PIN exchange consumes its messages; the recipient's first content message comes out of it.
            message = await OnPinMessageAsync(inbound, message, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                return;
            }
        }

        if (message.Format == ControlFormats.Complete)
        {
            if (_state.Role != TransferRole.Initiator)
            {
                await AbortAsync(TransferError.ProtocolViolation, "The sender sent a message only a recipient may send.", cancellationToken).ConfigureAwait(false);
                return;
            }

            // The recipient holds the credential: close (the mailbox binding deletes the mailbox, so the link is spent).
            await CloseAsync(PendingOutcome.Complete, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_state.Role == TransferRole.Recipient && _state.Format is null)
        {
            if (!await AcceptFirstMessageAsync(inbound, message, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (_holdOffer)
            {
                // GetOfferAsync: the app decides before the vertical answers.
                _offered = message;
                return;
            }
        }

        if (message.Format != _state.Format)
        {
            await AbortAsync(TransferError.ProtocolViolation, "The other side switched to a different credential format mid-transfer.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await AnswerAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts a message from the other side as received and reports it; null when it is not provisioning
    /// information. The plaintext is cleared either way.</summary>
    private ProvisioningInformation? Accept(InboundMessage inbound) => Accept(inbound, out _);

    /// <summary>Like <see cref="Accept(InboundMessage)"/>; <paramref name="undecryptable"/> tells when the message did not
    /// open under the PIN session layer.</summary>
    private ProvisioningInformation? Accept(InboundMessage inbound, out bool undecryptable)
    {
        ProvisioningInformation? message = null;
        var plaintext = OpenLayer(inbound);
        undecryptable = plaintext is null;
        try
        {
            if (plaintext is not null)
            {
                ProvisioningInformation.TryParse(plaintext, out message);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inbound.Plaintext);
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        // Counted even when malformed: the exchange has moved past it, and the answer (a cancel) takes the next turn.
        _state.Received = inbound.Sequence + 1;
        _waitingAnnounced = false;
        if (message is null)
        {
            return null;
        }

        if (_state.Role == TransferRole.Initiator && !_state.PeerSeen)
        {
            _state.PeerSeen = true;
            Raise(TransferEventKind.Claimed);
        }

        Raise(TransferEventKind.MessageReceived, inbound.Sequence, message.Format);
        return message;
    }

    // The recipient's first content message fixes the format and, where the relay serves a preview, must carry that
    // preview (P10).
    private async Task<bool> AcceptFirstMessageAsync(InboundMessage inbound, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        if (!await CheckPreviewAsync(inbound, message, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var vertical = Find(_options, message.Format);
        if (vertical is null)
        {
            await AbortAsync(
                TransferError.UnsupportedFormat,
                $"This device cannot receive credentials of the format '{Printable(message.Format, 100)}'.",
                cancellationToken).ConfigureAwait(false);
            return false;
        }

        _state.Format = message.Format;
        _state.DisplayInformation = message.DisplayInformation;
        if (!_channel.LinkNamesVertical)
        {
            _state.ShareVertical = vertical.ShareVertical;
        }

        return true;
    }

    private async Task<bool> CheckPreviewAsync(InboundMessage inbound, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        if (_channel.ServesPreview
            && (message.DisplayInformation is null || inbound.ServedPreview is null || !message.DisplayInformation.Equals(inbound.ServedPreview)))
        {
            await AbortAsync(
                TransferError.PreviewMismatch,
                "The relay's preview differs from what the sender sealed into the share: the relay changed the title, description or image.",
                cancellationToken).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private async Task AnswerAsync(ProvisioningInformation message, CancellationToken cancellationToken)
    {
        var vertical = Find(_options, _state.Format)
            ?? throw new TransferException(TransferError.UnsupportedFormat, $"No vertical for the format '{_state.Format}' is configured.");
        VerticalStep step;
        try
        {
            step = await vertical.HandleAsync(new VerticalContext(_state.Role, _state.VerticalState, _options.TimeProvider), message, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TransferException exception)
        {
            await AbortAsync(exception.Error, exception.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        _state.VerticalState = step.State;
        if (_state.Role == TransferRole.Recipient && step.IsComplete)
        {
            if (step.Message is not null)
            {
                throw new InvalidOperationException($"The vertical for '{vertical.Format}' completed the recipient's side with a message; the recipient's last word is the session's acknowledgement.");
            }

            _state.Result = step.Result;
            await SendAsync(ControlMessage(ControlFormats.Complete, new ControlContent()), PendingOutcome.Complete, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (step.Message is { } reply)
        {
            if (reply.Format != vertical.Format)
            {
                throw new InvalidOperationException($"The vertical for '{vertical.Format}' answered in another format.");
            }

            await SendAsync(reply, PendingOutcome.Continue, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_channel.NeedsStrictTurns)
        {
            // A side that says nothing would leave both waiting.
            throw new InvalidOperationException($"The vertical for '{vertical.Format}' sent no answer; on the {BindingName} binding every message needs one.");
        }

        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task OnPeerCancelAsync(ProvisioningInformation message, CancellationToken cancellationToken)
    {
        var reason = message.Content.TryGetProperty("reason", out var value) && value.ValueKind == JsonValueKind.String
            ? Printable(value.GetString(), ControlFormats.MaxReasonLength)
            : null;
        if (IsPinRejection(message))
        {
            await FailAsync(TransferError.WrongPin, PinRejectedMessage, cancellationToken).ConfigureAwait(false);
            return;
        }

        _state.CancelReason = string.IsNullOrWhiteSpace(reason) ? "The other side cancelled the transfer." : reason;
        _state.CancelledByPeer = true;
        await CloseAsync(PendingOutcome.Cancel, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the exchange with <paramref name="outcome"/>, after whatever the binding still has to do.</summary>
    private async Task CloseAsync(PendingOutcome outcome, CancellationToken cancellationToken)
    {
        if (_channel.Closing(outcome) is { } closing)
        {
            await RecordAsync(closing, cancellationToken).ConfigureAwait(false);
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await EndAsync(Outcome(outcome), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals <paramref name="message"/> as this side's next message, records it, then sends it.</summary>
    private async Task SendAsync(ProvisioningInformation message, PendingOutcome then, CancellationToken cancellationToken)
    {
        await RecordAsync(SealMessage(message, then), cancellationToken).ConfigureAwait(false);
        await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals <paramref name="message"/> as this side's next message: under the PIN session key first once a
    /// PIN matched, then always by the binding.</summary>
    private PendingOperation SealMessage(ProvisioningInformation message, PendingOutcome then)
    {
        var plaintext = message.ToUtf8Json();
        byte[]? layered = null;
        try
        {
            layered = _pinCipher?.Seal(Outgoing, _state.Sent, plaintext);
            return _channel.Seal(layered ?? plaintext, message.Format, then);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            if (layered is not null)
            {
                CryptographicOperations.ZeroMemory(layered);
            }
        }
    }

    private async Task RecordAsync(PendingOperation operation, CancellationToken cancellationToken)
    {
        _state.Pending = operation;
        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ProvisioningInformation ControlMessage(string format, ControlContent content) =>
        new(format, JsonSerializer.SerializeToElement(content, TransferJsonContext.Default.ControlContent));

    private string DecryptionFailedMessage() => _state.Role == TransferRole.Recipient && _state.Received == 0
        ? "The share could not be decrypted: the link is wrong or damaged (check that it was copied whole)."
        : "A message could not be decrypted: it was damaged, or the server altered, replayed, reordered or reflected it.";

    /// <summary>Text from the other side, made safe to show: no control characters (no terminal escapes), bounded length.</summary>
    private static string? Printable(string? text, int maxLength) => DisplayText.ToLine(text, maxLength);
}

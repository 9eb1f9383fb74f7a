using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tigress.Client.Mailbox;
using Tigress.Client.Verticals;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>Reading the other side's messages and deciding the answer.</summary>
public sealed partial class TransferSession
{
    private PayloadDirection Outgoing => _state.Role == TransferRole.Initiator
        ? PayloadDirection.InitiatorToRecipient
        : PayloadDirection.RecipientToInitiator;

    private PayloadDirection Incoming => _state.Role == TransferRole.Initiator
        ? PayloadDirection.RecipientToInitiator
        : PayloadDirection.InitiatorToRecipient;

    private async Task StepCoreAsync(CancellationToken cancellationToken)
    {
        if (_state.Pending is not null)
        {
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await ReceiveAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var claiming = _state.Role == TransferRole.Recipient && !_state.PeerSeen;
        if (!_waitingAnnounced && !claiming)
        {
            Raise(TransferEventKind.Waiting);
            _waitingAnnounced = true;
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

                    // The claim is answered at once: the initiator wrote its first message when it created the mailbox.
                    Wait = claiming ? TimeSpan.Zero : _options.LongPollWait,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.NotFound)
        {
            await EndAsync(TransferStatus.Expired, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (MailboxException exception) when (exception.Error == MailboxError.WrongClaim && claiming)
        {
            await FailAsync(
                TransferError.AlreadyClaimed,
                "This share was already claimed by another device.",
                cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (MailboxException exception)
        {
            throw RelayProblem(exception);
        }
        catch (TigressProtocolException)
        {
            // The relay served a payload that is not even well-formed: as bad as one that does not decrypt.
            await AbortAsync(TransferError.DecryptionFailed, DecryptionFailedMessage(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (read.Status != MailboxReadStatus.Message)
        {
            return;
        }

        if (claiming)
        {
            _state.PeerSeen = true;
            _state.Expiration = read.Expiration ?? _state.Expiration;
            await CheckpointAsync(cancellationToken).ConfigureAwait(false);
            Raise(TransferEventKind.Claimed);
        }

        await HandleAsync(read, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleAsync(MailboxReadResult read, CancellationToken cancellationToken)
    {
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
            // The other side wrote again before this side read: only a cancel may do that (checked below).
            sequence = expected + 1;
        }
        else if (expected > 0 && payload.TryOpen(_key, Incoming, expected - 1, out _))
        {
            // The message this side already handled (a replayed read, or a state restored after a crash that
            // lost the ETag): nothing new. Remember its tag so the next read waits.
            _state.ETag = read.ETag ?? _state.ETag;
            return;
        }
        else
        {
            await AbortAsync(TransferError.DecryptionFailed, DecryptionFailedMessage(), cancellationToken).ConfigureAwait(false);
            return;
        }

        ProvisioningInformation? message;
        try
        {
            ProvisioningInformation.TryParse(plaintext, out message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        if (message is null)
        {
            await AbortAsync(TransferError.ProtocolViolation, "The other side sent a message that is not provisioning information.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        _state.Received = sequence + 1;
        _state.ETag = read.ETag;
        _waitingAnnounced = false;
        if (_state.Role == TransferRole.Initiator && !_state.PeerSeen)
        {
            _state.PeerSeen = true;
            Raise(TransferEventKind.Claimed);
        }

        Raise(TransferEventKind.MessageReceived, sequence, message.Format);
        if (message.Format == ControlFormats.Cancel)
        {
            await OnPeerCancelAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (sequence != expected)
        {
            await AbortAsync(TransferError.ProtocolViolation, "A message from the other side was lost: it wrote twice without waiting for an answer.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        if (message.Format == ControlFormats.Complete)
        {
            if (_state.Role != TransferRole.Initiator)
            {
                await AbortAsync(TransferError.ProtocolViolation, "The sender sent a message only a recipient may send.", cancellationToken).ConfigureAwait(false);
                return;
            }

            // The recipient holds the credential: delete the mailbox so the link is spent.
            await RecordAsync(new PendingOperation { Kind = PendingKind.Delete, RequestId = Guid.NewGuid(), Then = PendingOutcome.Complete }, cancellationToken)
                .ConfigureAwait(false);
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_state.Role == TransferRole.Recipient && sequence == 0 && !await AcceptFirstMessageAsync(read, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (message.Format != _state.Format)
        {
            await AbortAsync(TransferError.ProtocolViolation, "The other side switched to a different credential format mid-transfer.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await AnswerAsync(message, cancellationToken).ConfigureAwait(false);
    }

    // The recipient's first message fixes the format and must carry the preview the relay showed (P10).
    private async Task<bool> AcceptFirstMessageAsync(MailboxReadResult read, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        if (message.DisplayInformation is null || read.DisplayInformation is null || !message.DisplayInformation.Equals(read.DisplayInformation))
        {
            await AbortAsync(
                TransferError.PreviewMismatch,
                "The relay's preview differs from what the sender sealed into the share: the relay changed the title, description or image.",
                cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (Find(_options, message.Format) is null)
        {
            await AbortAsync(
                TransferError.UnsupportedFormat,
                $"This device cannot receive credentials of the format '{Printable(message.Format, 100)}'.",
                cancellationToken).ConfigureAwait(false);
            return false;
        }

        _state.Format = message.Format;
        _state.DisplayInformation = message.DisplayInformation;
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

        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task OnPeerCancelAsync(ProvisioningInformation message, CancellationToken cancellationToken)
    {
        var reason = message.Content.TryGetProperty("reason", out var value) && value.ValueKind == JsonValueKind.String
            ? Printable(value.GetString(), ControlFormats.MaxReasonLength)
            : null;
        _state.CancelReason = string.IsNullOrWhiteSpace(reason) ? "The other side cancelled the transfer." : reason;
        _state.CancelledByPeer = true;
        if (_state.Role == TransferRole.Initiator)
        {
            await RecordAsync(new PendingOperation { Kind = PendingKind.Delete, RequestId = Guid.NewGuid(), Then = PendingOutcome.Cancel }, cancellationToken)
                .ConfigureAwait(false);
            await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await EndAsync(TransferStatus.Cancelled, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Seals <paramref name="message"/> as this side's next message, records it, then sends it.</summary>
    private async Task SendAsync(ProvisioningInformation message, PendingOutcome then, CancellationToken cancellationToken)
    {
        await RecordAsync(
            new PendingOperation
            {
                Kind = PendingKind.Update,
                RequestId = Guid.NewGuid(),
                Payload = Seal(_key, Outgoing, _state.Sent, message),
                Format = message.Format,
                Then = then,
            },
            cancellationToken).ConfigureAwait(false);
        await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordAsync(PendingOperation operation, CancellationToken cancellationToken)
    {
        _state.Pending = operation;
        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SecurePayload Seal(ShareKey key, PayloadDirection direction, int sequence, ProvisioningInformation message)
    {
        var plaintext = message.ToUtf8Json();
        try
        {
            return SecurePayload.Seal(key, direction, sequence, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static ProvisioningInformation ControlMessage(string format, ControlContent content) =>
        new(format, JsonSerializer.SerializeToElement(content, TransferJsonContext.Default.ControlContent));

    private string DecryptionFailedMessage() => _state.Role == TransferRole.Recipient && _state.Received == 0
        ? "The share could not be decrypted: the link is wrong or damaged (check that it was copied whole)."
        : "A message could not be decrypted: it was damaged, or the relay altered, replayed or reflected it.";

    /// <summary>Text from the other side, made safe to show: no control characters (no terminal escapes), bounded length.</summary>
    private static string? Printable(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (builder.Length == maxLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}

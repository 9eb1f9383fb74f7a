using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Tigress.Protocol;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Pake.Messages;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>
/// The PIN exchange of a PIN-protected share (docs/security.md), the same on both bindings: the first messages, and the
/// session layer that seals every later message under the PIN session key before the binding seals it as usual.
/// </summary>
/// <remarks>
/// | Message | Initiator                                  | Recipient                                           |
/// |---------|--------------------------------------------|-----------------------------------------------------|
/// | i2r 0   | writes <c>tigress.pin.start</c>           | checks the preview, answers                         |
/// | r2i 0   | stores the answer, then checks it once     | writes <c>tigress.pin.answer</c>                    |
/// | i2r 1   | writes <c>tigress.pin.confirm</c>, or a    | checks cA first, then opens the first content      |
/// |         | <c>wrong-pin</c> notice and ends the share | message inside; a <c>wrong-pin</c> notice ends it   |
/// The two places that differ from a share without a PIN are <see cref="SealMessage"/> and <see cref="OpenLayer"/>:
/// once the PIN matched, the plaintext handed to the channel is the session layer's. The channel supplies the
/// invitation's secret and what the exchange is bound to; it never sees the PIN.
/// </remarks>
public sealed partial class TransferSession
{
    private const string WrongPinCode = "wrong-pin";

    private const string WrongPinTriedMessage =
        "A wrong PIN was tried: the share was ended so that nobody gets a second guess, and the link no longer works. Share again with a new link and PIN.";

    private const string PinRejectedMessage =
        "The PIN was wrong: the sender's device rejected it and ended the share, so it cannot be tried again. Ask the sender to share again.";

    private const string PinEndedMessage =
        "The share ended right after the PIN was sent: the PIN was most likely wrong (the sender's device then ends the share), or the sender cancelled. Ask the sender to share again.";

    private const string PinMismatchMessage =
        "The sender's confirmation of the PIN does not match: the PIN was wrong, or the exchange was tampered with. Nothing the sender sent was opened.";

    private const string RelayPinLockedMessage =
        "Too many wrong PINs were tried, so the relay locked this share: nobody can receive it now. Ask the sender to share again.";

    private static string WrongRelayPinMessage(int guessesLeft) => guessesLeft == 1
        ? "The PIN is wrong; 1 try is left. Nothing was claimed: receive again with the right PIN."
        : $"The PIN is wrong; {guessesLeft} tries are left. Nothing was claimed: receive again with the right PIN.";

    private PayloadDirection Outgoing => _state.Role == TransferRole.Initiator
        ? PayloadDirection.InitiatorToRecipient
        : PayloadDirection.RecipientToInitiator;

    private PayloadDirection Incoming => _state.Role == TransferRole.Initiator
        ? PayloadDirection.RecipientToInitiator
        : PayloadDirection.InitiatorToRecipient;

    /// <summary>Initiator: the recipient's answer has been read and stored, but not checked yet.</summary>
    private bool HasStoredPinAnswer => _state.Role == TransferRole.Initiator && _state.Pin?.Answer is not null;

    /// <summary>Recipient: it has sent its answer and waits for the initiator's confirmation.</summary>
    private bool IsAwaitingPinConfirmation => _state.Role == TransferRole.Recipient && _state.Pin is not null && _state.Sent > 0;

    private static PinSessionCipher? LoadPinCipher(TransferStateDocument state)
    {
        if (state.PinSessionKey is not { } encoded)
        {
            return null;
        }

        var key = Base64Url.DecodeFromChars(encoded);
        try
        {
            return PinSessionCipher.Import(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Initiator of a relay-assisted PIN share: the relay reported a wrong guess. Each is reported once, even
    /// when a resumed session hears the mailbox's events again; the last one ends the share.</summary>
    private async Task OnPinGuessFailedAsync(int guessesLeft, CancellationToken cancellationToken)
    {
        if (_state.RelayPin is not { } relayPin || guessesLeft >= relayPin.GuessesLeft)
        {
            return;
        }

        relayPin.GuessesLeft = guessesLeft;
        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
        Raise(TransferEventKind.PinGuessFailed, guessesLeft: guessesLeft);
        if (guessesLeft == 0)
        {
            _state.FailureGuessesLeft = 0;
            await AbortAsync(
                TransferError.WrongPin,
                $"Wrong PINs were tried {relayPin.Guesses} times, so the relay locked the share: nobody can receive it now. Share again with a new link and PIN.",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Initiator: turns the share's first message into the PIN exchange's start, keeping the message for later.</summary>
    private ProvisioningInformation BeginPinShare(ProvisioningInformation first, ReadOnlySpan<char> pin)
    {
        var secret = _channel.ExportInvitationSecret();
        PinInitiator initiator;
        try
        {
            initiator = PinInitiator.Create(pin, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        using (initiator)
        {
            _state.Pin = new PinStateDocument
            {
                Exchange = SecretText.Encode(initiator.Export()),
                FirstMessage = ToElement(first),
            };

            // The preview is public where the binding serves one, so message 0 repeats it for P10; the credential stays behind.
            return initiator.CreateStartMessage().ToProvisioningInformation(first.DisplayInformation);
        }
    }

    /// <summary>Recipient: derives the PIN's key from the PIN as typed and the invitation, before anything is sent.</summary>
    private void BeginPinReceive(ReadOnlySpan<char> typed)
    {
        Span<char> pin = stackalloc char[Pin.MaximumLength];
        var secret = _channel.ExportInvitationSecret();
        try
        {
            if (!Pin.TryNormalize(typed, pin, out var length))
            {
                throw new ArgumentException($"A PIN is {Pin.MinimumLength} to {Pin.MaximumLength} digits; spaces and dashes between them are ignored.", nameof(pin));
            }

            using var recipient = PinRecipient.Create(pin[..length], secret, _channel.PinBinding);
            _state.Pin = new PinStateDocument { Exchange = SecretText.Encode(recipient.Export()) };
        }
        finally
        {
            pin.Clear();
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The plaintext of the other side's message under the PIN session layer once the PIN matched (the
    /// channel's plaintext as is before); null when it does not open.</summary>
    private byte[]? OpenLayer(InboundMessage inbound)
    {
        if (_pinCipher is null)
        {
            return inbound.Plaintext;
        }

        if (_pinCipher.TryOpen(Incoming, inbound.Sequence, inbound.Plaintext, out var plaintext))
        {
            return plaintext;
        }

        // The recipient's first message after the exchange may come before it saw the confirmation, when it cancels
        // or finds cA wrong: it has no session key yet, so that one message, a cancel only, has none.
        return _state.Role == TransferRole.Initiator && inbound.Sequence == 1 && IsCancel(inbound.Plaintext)
            ? inbound.Plaintext
            : null;
    }

    /// <summary>
    /// Handles a message while the PIN exchange runs (or a PIN message where none belongs). Returns the recipient's first
    /// content message when the exchange produced it, or null when the exchange consumed the message or ended the share.
    /// </summary>
    private async Task<ProvisioningInformation?> OnPinMessageAsync(InboundMessage inbound, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        if (_state.Pin is null)
        {
            if (_state.Role == TransferRole.Recipient && !_state.RequiresPin && inbound.Sequence == 0)
            {
                // The link lost its p=1 on the way. On the mailbox binding the recipient lets go of its claim, so that
                // it can try again with the PIN.
                await AbortAsync(
                    TransferError.PinRequired,
                    "This share is protected by a PIN, but the link does not say so (it lacks p=1). Ask the sender for the PIN and receive again with it.",
                    cancellationToken).ConfigureAwait(false);
                return null;
            }

            await AbortAsync(TransferError.ProtocolViolation, "The other side sent a PIN exchange message after the exchange had ended.", cancellationToken).ConfigureAwait(false);
            return null;
        }

        switch (_state.Role, inbound.Sequence)
        {
            case (TransferRole.Initiator, 0):
                // Stored before it is checked: whatever happens next, this is the only answer this share ever checks.
                _state.Pin.Answer = ToElement(message);
                await CheckpointAsync(cancellationToken).ConfigureAwait(false);
                await CheckPinAnswerAsync(cancellationToken).ConfigureAwait(false);
                return null;

            case (TransferRole.Recipient, 0):
                await AnswerPinAsync(inbound, message, cancellationToken).ConfigureAwait(false);
                return null;

            case (TransferRole.Recipient, 1):
                return await ConfirmPinAsync(inbound, message, cancellationToken).ConfigureAwait(false);

            default:
                await AbortAsync(TransferError.ProtocolViolation, "The other side broke the order of the PIN exchange.", cancellationToken).ConfigureAwait(false);
                return null;
        }
    }

    /// <summary>Initiator: checks the stored answer, the one guess; sends the confirmation with the credential sealed
    /// under the session key, or ends the share.</summary>
    private async Task CheckPinAnswerAsync(CancellationToken cancellationToken)
    {
        var pin = _state.Pin!;
        using var initiator = ImportInitiator(pin.Exchange);
        bool matched;
        try
        {
            matched = FromElement(pin.Answer!.Value) is { } envelope
                && PinAnswerMessage.TryParse(envelope, out var answer)
                && initiator.TryAccept(answer, _channel.PinBinding);
        }
        catch (TigressProtocolException)
        {
            // A share that is not a point: as much a failed guess as a wrong confirmation.
            matched = false;
        }

        if (!matched)
        {
            // Nothing of the exchange survives, so no stored state can ever check another answer.
            _state.Pin = null;
            await AbortAsync(TransferError.WrongPin, WrongPinTriedMessage, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var cipher = CreateSessionCipher(secret => initiator.CreateSessionCipher(secret));
        var first = FromElement(pin.FirstMessage!.Value)
            ?? throw new InvalidOperationException("The stored first message of the PIN share is damaged.");
        var content = first.ToUtf8Json();
        byte[]? inner = null;
        PendingOperation confirm;
        try
        {
            // Sealed while the layer is still off: the confirmation itself travels under the invitation's secret only.
            inner = cipher.Seal(Outgoing, _state.Sent, content);
            confirm = SealMessage(initiator.CreateConfirmMessage(inner).ToProvisioningInformation(), PendingOutcome.Continue);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
            if (inner is not null)
            {
                CryptographicOperations.ZeroMemory(inner);
            }
        }

        SwitchToPinSession(cipher);
        Raise(TransferEventKind.PinMatched);
        await RecordAsync(confirm, cancellationToken).ConfigureAwait(false);
        await ExecutePendingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recipient: answers the initiator's start with its share and confirmation, under the invitation's secret.</summary>
    private async Task AnswerPinAsync(InboundMessage inbound, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        if (!PinStartMessage.TryParse(message, out var start))
        {
            _state.Pin = null;
            await AbortAsync(
                TransferError.ProtocolViolation,
                "The link says this share is protected by a PIN, but the sender's first message is not a PIN exchange.",
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await CheckPreviewAsync(inbound, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        using var recipient = ImportRecipient(_state.Pin!.Exchange);
        PinAnswerMessage answer;
        try
        {
            answer = recipient.Answer(start);
        }
        catch (TigressProtocolException)
        {
            _state.Pin = null;
            await AbortAsync(TransferError.ProtocolViolation, "The sender's PIN exchange message is malformed.", cancellationToken).ConfigureAwait(false);
            return;
        }

        _state.Pin.Exchange = SecretText.Encode(recipient.Export());
        await SendAsync(answer.ToProvisioningInformation(), PendingOutcome.Continue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recipient: checks cA before anything else, then opens the first content message with the session key.</summary>
    private async Task<ProvisioningInformation?> ConfirmPinAsync(InboundMessage inbound, ProvisioningInformation message, CancellationToken cancellationToken)
    {
        if (!PinConfirmMessage.TryParse(message, out var confirm))
        {
            _state.Pin = null;
            await AbortAsync(TransferError.ProtocolViolation, "The sender's PIN confirmation is malformed.", cancellationToken).ConfigureAwait(false);
            return null;
        }

        using var recipient = ImportRecipient(_state.Pin!.Exchange);
        _state.Pin = null;
        if (!recipient.TryConfirm(confirm))
        {
            await AbortAsync(TransferError.WrongPin, PinMismatchMessage, cancellationToken).ConfigureAwait(false);
            return null;
        }

        using var cipher = CreateSessionCipher(secret => recipient.CreateSessionCipher(secret));
        ProvisioningInformation? first = null;
        if (cipher.TryOpen(Incoming, inbound.Sequence, confirm.SealedContent.Span, out var content))
        {
            try
            {
                ProvisioningInformation.TryParse(content, out first);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(content);
            }
        }

        SwitchToPinSession(cipher);
        Raise(TransferEventKind.PinMatched);
        if (first is null)
        {
            await AbortAsync(TransferError.DecryptionFailed, "The sender's first message after the PIN exchange could not be opened.", cancellationToken).ConfigureAwait(false);
        }

        return first;
    }

    /// <summary>From now on every message goes through the PIN session layer; the key is stored with the state.</summary>
    private void SwitchToPinSession(PinSessionCipher cipher)
    {
        _state.KeepPinSessionKey(cipher);
        _pinCipher?.Dispose();
        _pinCipher = LoadPinCipher(_state);
        _state.Pin = null;
    }

    /// <summary>Recipient: the initiator's notice that the answer did not verify.</summary>
    private bool IsPinRejection(ProvisioningInformation cancel) =>
        _state.Role == TransferRole.Recipient
        && _state.RequiresPin
        && _pinCipher is null
        && cancel.Content.TryGetProperty("code", out var code)
        && code.ValueKind == JsonValueKind.String
        && code.ValueEquals(WrongPinCode);

    private static bool IsCancel(byte[] plaintext) =>
        ProvisioningInformation.TryParse(plaintext, out var message) && message.Format == ControlFormats.Cancel;

    private PinSessionCipher CreateSessionCipher(Func<byte[], PinSessionCipher> create)
    {
        var secret = _channel.ExportInvitationSecret();
        try
        {
            return create(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static PinInitiator ImportInitiator(string exchange)
    {
        var stored = Base64Url.DecodeFromChars(exchange);
        try
        {
            return PinInitiator.Import(stored);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stored);
        }
    }

    private PinRecipient ImportRecipient(string exchange)
    {
        var stored = Base64Url.DecodeFromChars(exchange);
        try
        {
            return PinRecipient.Import(stored, _channel.PinBinding);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stored);
        }
    }

    private static JsonElement ToElement(ProvisioningInformation message)
    {
        var json = message.ToUtf8Json();
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    private static ProvisioningInformation? FromElement(JsonElement element)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(element, TransferJsonContext.Default.JsonElement);
        try
        {
            return ProvisioningInformation.TryParse(json, out var message) ? message : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }
}

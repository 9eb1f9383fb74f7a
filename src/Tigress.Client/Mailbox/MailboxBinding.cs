using System.Buffers.Text;
using System.Security.Cryptography;
using Tigress.Client.Capabilities;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;

namespace Tigress.Client.Mailbox;

/// <summary>
/// The mailbox binding's part of a session: the share key and the device claim, the relay-assisted PIN that only a
/// mailbox relay can count, and its channel.
/// </summary>
internal sealed class MailboxBinding : ITransferBindingFactory
{
    public static readonly MailboxBinding Instance = new();

    private MailboxBinding()
    {
    }

    public async Task<ITransferChannel> ShareAsync(
        TigressClient client,
        ShareRequest request,
        TransferStateDocument state,
        ICredentialVertical vertical,
        VerticalStep first,
        TransferSessionOptions options,
        CancellationToken cancellationToken)
    {
        RelayCapabilities? capabilities;
        try
        {
            capabilities = await client.Mailbox.GetCapabilitiesAsync(request.RelayUri, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException)
        {
            // A relay that does not answer GET /v1 is not checked here; its own answer to the upload decides.
            capabilities = null;
        }

        state.PinMode = ChoosePin(request, capabilities);
        await TransferSession.CheckSizeAsync(capabilities, request, state.PinKind, vertical, first, options, cancellationToken).ConfigureAwait(false);
        using var key = ShareKey.Generate(request.Algorithm);
        state.Key = MailboxChannel.EncodeKey(key);
        state.Claim = Guid.NewGuid();
        state.NotificationToken = request.NotificationToken is { } token
            ? new Protocol.Wire.Messages.NotificationTokenMessage { Type = token.Type, TokenData = token.TokenData }
            : null;
        if (state.PinKind == PinProtection.RelayAssisted)
        {
            ProtectWithRelayPin(state, request, capabilities, key);
        }

        return new MailboxChannel(client.Mailbox, state, options, relayLifetime: capabilities?.MaxTtl);
    }

    public ITransferChannel Receive(TigressClient client, TigressLink link, ReadOnlySpan<char> pin, TransferStateDocument state, TransferSessionOptions options)
    {
        var shareUrl = link.ShareUrl!;
        state.MailboxUri = shareUrl.MailboxUri;
        state.ShareVertical = shareUrl.Vertical;
        state.PinMode = shareUrl.Pin;
        state.Key = MailboxChannel.EncodeKey(shareUrl.Key);
        state.Claim = Guid.NewGuid();
        var guess = shareUrl.Pin == PinProtection.RelayAssisted ? BlindPin(pin) : null;
        return new MailboxChannel(client.Mailbox, state, options, guess);
    }

    public ITransferChannel Resume(TigressClient client, TransferStateDocument state, TransferSessionOptions options) =>
        new MailboxChannel(client.Mailbox, state, options);

    /// <summary>The PIN protection a share gets: what it asked for, where the relay offers it.</summary>
    private static PinProtection ChoosePin(ShareRequest request, RelayCapabilities? capabilities)
    {
        if (request.Pin.IsEmpty)
        {
            return PinProtection.None;
        }

        var offered = capabilities is { RelayAssistedPin: true };
        return request.PinMode switch
        {
            PinMode.Spake2 => PinProtection.Spake2,
            PinMode.RelayAssisted when offered => PinProtection.RelayAssisted,
            PinMode.RelayAssisted => throw new TransferException(
                TransferError.RelayRefused,
                "This relay does not count PIN guesses (its capability document does not offer the relay-assisted PIN): share with the SPAKE2 PIN instead, or through a newer relay. Nothing was uploaded."),
            _ => offered ? PinProtection.RelayAssisted : PinProtection.Spake2,
        };
    }

    /// <summary>Initiator: a fresh OPRF key and verifier for the relay, and the session key that seals every message.</summary>
    private static void ProtectWithRelayPin(TransferStateDocument state, ShareRequest request, RelayCapabilities? capabilities, ShareKey key)
    {
        // A short PIN chosen by the caller gets fewer guesses by default, never a worse chance than the rule allows.
        var guesses = request.PinGuesses ?? Math.Max(1, Math.Min(RelayPin.DefaultGuesses, AllowedGuesses(request.Pin.Length)));
        if (capabilities?.MaxPinGuesses is { } most && guesses > most)
        {
            throw new ArgumentException($"This relay allows at most {most} guesses at a PIN.", nameof(request));
        }

        if (!RelayPin.IsAllowed(request.Pin.Length, guesses))
        {
            throw new ArgumentException(
                $"{guesses} guesses at a {request.Pin.Length}-digit PIN give a guesser too good a chance: allow at most {AllowedGuesses(request.Pin.Length)} guesses, or use a longer PIN.",
                nameof(request));
        }

        var secret = key.Export();
        try
        {
            using var share = RelayPinShare.Create(request.Pin.Span, secret);
            using var cipher = share.CreateSessionCipher();
            state.RelayPin = new RelayPinStateDocument
            {
                OprfKey = SecretText.Encode(share.ExportOprfKey()),
                Verifier = Base64Url.EncodeToString(share.Verifier),
                Guesses = guesses,
                GuessesLeft = guesses,
            };
            state.KeepPinSessionKey(cipher);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static int AllowedGuesses(int digits)
    {
        var allowed = 0;
        while (allowed < RelayPin.MaxGuesses && RelayPin.IsAllowed(digits, allowed + 1))
        {
            allowed++;
        }

        return allowed;
    }

    /// <summary>Recipient: the PIN as typed, normalised and blinded at once; the PIN itself is not kept.</summary>
    private static RelayPinGuess BlindPin(ReadOnlySpan<char> typed)
    {
        Span<char> pin = stackalloc char[Pin.MaximumLength];
        try
        {
            if (!Pin.TryNormalize(typed, pin, out var length))
            {
                throw new ArgumentException($"A PIN is {Pin.MinimumLength} to {Pin.MaximumLength} digits; spaces and dashes between them are ignored.", "pin");
            }

            return RelayPinGuess.Create(pin[..length]);
        }
        finally
        {
            pin.Clear();
        }
    }
}

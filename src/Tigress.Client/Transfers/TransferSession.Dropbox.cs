using Tigress.Client.Dropbox;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Transfers;

/// <summary>Starting and resuming transfers over an HTTP dropbox (docs/protocol.md section 11).</summary>
public sealed partial class TransferSession
{
    /// <summary>
    /// Initiator: prepares a share through an HTTP dropbox at <see cref="ShareRequest.RelayUri"/>, under a fresh
    /// invitation. Builds and seals the vertical's first message; nothing is sent until <see cref="RunAsync"/> or
    /// <see cref="StepAsync"/>, and <see cref="GetInvitation"/> answers once that message is stored.
    /// </summary>
    /// <exception cref="ArgumentException">No vertical in the options speaks <see cref="ShareRequest.Format"/>, the
    /// dropbox address is not an https URL ending with <c>/</c> (or http to loopback) without query or fragment, or
    /// <see cref="ShareRequest.Pin"/> is not 6 to 32 ASCII digits.</exception>
    public static async Task<TransferSession> ShareAsync(
        DropboxClient client,
        ShareRequest request,
        TransferSessionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        options ??= new TransferSessionOptions();
        if (!request.RelayUri.IsAbsoluteUri || !RelayTransport.IsPermitted(request.RelayUri))
        {
            throw new ArgumentException("The dropbox address must use https (plain http only to a loopback address).", nameof(request));
        }

        var (vertical, first) = await BeginAsync(options, request, cancellationToken).ConfigureAwait(false);
        DropboxInvitation invitation;
        try
        {
            invitation = DropboxInvitation.Create(request.RelayUri, request.Suite, requiresPin: !request.Pin.IsEmpty);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException(exception.Message, nameof(request), exception);
        }

        using (invitation)
        {
            var state = new TransferStateDocument
            {
                Binding = TransferBinding.Dropbox,
                Role = TransferRole.Initiator,
                Status = TransferStatus.Active,
                RelayUri = request.RelayUri,
                RequiresPin = invitation.RequiresPin,
                ShareVertical = request.ShareVertical ?? vertical.ShareVertical,
                Format = vertical.Format,
                DisplayInformation = request.DisplayInformation,
                Expiration = request.Expiration,
                VerticalState = first.State,
                Dropbox = new DropboxStateDocument { Invitation = invitation.RevealUrl() },
            };

            return await StartAsync(new DropboxChannel(client, state, options), state, options, first.Message!, request, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Recipient: prepares to receive through the dropbox <paramref name="invitation"/> names. Nothing is sent
    /// until <see cref="RunAsync"/> or <see cref="StepAsync"/>; the first read takes message 0 off the server.</summary>
    /// <exception cref="ArgumentException">The invitation's address is plain http to a host other than loopback, or the
    /// invitation is PIN-protected (<see cref="DropboxInvitation.RequiresPin"/>): use
    /// <see cref="ReceiveWithPin(DropboxClient, DropboxInvitation, ReadOnlySpan{char}, TransferSessionOptions?)"/>.
    /// Nothing was sent.</exception>
    public static TransferSession Receive(DropboxClient client, DropboxInvitation invitation, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(invitation);
        if (invitation.RequiresPin)
        {
            throw new ArgumentException("This share is protected by a PIN: receive it with ReceiveWithPin and the PIN the sender told you.", nameof(invitation));
        }

        return ReceiveCore(client, invitation, options, default);
    }

    /// <summary>
    /// Recipient: prepares to receive the PIN-protected share <paramref name="invitation"/> names, with the PIN the
    /// sender told. Derives the PIN's key at once and keeps no copy of the PIN; nothing is sent until
    /// <see cref="RunAsync"/> or <see cref="StepAsync"/>. A wrong PIN ends the share for everyone.
    /// </summary>
    /// <param name="client">The dropbox client.</param>
    /// <param name="invitation">The invitation, with <c>p=1</c>.</param>
    /// <param name="pin">The PIN as typed: spaces and dashes are ignored, digits of any script accepted.</param>
    /// <param name="options">How the session runs.</param>
    /// <exception cref="ArgumentException">The invitation's address is plain http to a host other than loopback, the
    /// invitation is not PIN-protected, or <paramref name="pin"/> is not 6 to 32 digits. Nothing was sent.</exception>
    public static TransferSession ReceiveWithPin(DropboxClient client, DropboxInvitation invitation, ReadOnlySpan<char> pin, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(invitation);
        if (!invitation.RequiresPin)
        {
            throw new ArgumentException("This share is not protected by a PIN: receive it with Receive.", nameof(invitation));
        }

        return ReceiveCore(client, invitation, options, pin);
    }

    private static TransferSession ReceiveCore(DropboxClient client, DropboxInvitation invitation, TransferSessionOptions? options, ReadOnlySpan<char> pin)
    {
        if (!RelayTransport.IsPermitted(invitation.BaseUri))
        {
            throw new ArgumentException("The dropbox address must use https (plain http only to a loopback address).", nameof(invitation));
        }

        options ??= new TransferSessionOptions();
        var state = new TransferStateDocument
        {
            Binding = TransferBinding.Dropbox,
            Role = TransferRole.Recipient,
            Status = TransferStatus.Active,
            RequiresPin = invitation.RequiresPin,
            Dropbox = new DropboxStateDocument { Invitation = invitation.RevealUrl() },
        };
        return Prepared(new DropboxChannel(client, state, options), state, options, pin);
    }

    /// <summary>Either side of a dropbox transfer: continues from a stored <see cref="TransferState"/>.</summary>
    /// <exception cref="ArgumentException">The state belongs to a mailbox transfer; resume it with a <see cref="Mailbox.MailboxClient"/>.</exception>
    public static TransferSession Resume(DropboxClient client, TransferState state, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Binding != TransferBinding.Dropbox)
        {
            throw new ArgumentException("This is the state of a mailbox transfer: resume it with a MailboxClient.", nameof(state));
        }

        options ??= new TransferSessionOptions();
        var document = state.ToDocument();
        return new TransferSession(new DropboxChannel(client, document, options), document, options);
    }

    /// <summary>Initiator of a dropbox transfer: the invitation to hand to the recipient, once the first message is
    /// stored (null before, and on the mailbox binding). The caller owns (and should dispose) the returned instance;
    /// its <see cref="DropboxInvitation.RevealUrl"/> is the link.</summary>
    public DropboxInvitation? GetInvitation() =>
        _channel is DropboxChannel dropbox && _state.Role == TransferRole.Initiator && _state.Sent > 0
            ? dropbox.CopyInvitation()
            : null;
}

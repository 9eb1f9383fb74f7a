using Tigress.Client.Dropbox;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Transfers;

/// <summary>Starting and resuming transfers over an HTTP dropbox (PROTOCOL.md section 3).</summary>
public sealed partial class TransferSession
{
    /// <summary>
    /// Initiator: prepares a share through an HTTP dropbox at <see cref="ShareRequest.RelayUri"/>, under a fresh
    /// invitation. Builds and seals the vertical's first message; nothing is sent until <see cref="RunAsync"/> or
    /// <see cref="StepAsync"/>, and <see cref="GetInvitation"/> answers once that message is stored.
    /// </summary>
    /// <exception cref="ArgumentException">No vertical in the options speaks <see cref="ShareRequest.Format"/>, or the
    /// dropbox address is not an https URL ending with <c>/</c> (or http to loopback) without query or fragment.</exception>
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
            invitation = DropboxInvitation.Create(request.RelayUri, request.Suite);
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
                ShareVertical = request.ShareVertical ?? vertical.ShareVertical,
                Format = vertical.Format,
                DisplayInformation = request.DisplayInformation,
                Expiration = request.Expiration,
                VerticalState = first.State,
                Dropbox = new DropboxStateDocument { Invitation = invitation.RevealUrl() },
            };

            return await StartAsync(new DropboxChannel(client, state, options), state, options, first.Message!, request.DisplayInformation, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Recipient: prepares to receive through the dropbox <paramref name="invitation"/> names. Nothing is sent
    /// until <see cref="RunAsync"/> or <see cref="StepAsync"/>; the first read takes message 0 off the server.</summary>
    /// <exception cref="ArgumentException">The invitation's address is plain http to a host other than loopback.</exception>
    public static TransferSession Receive(DropboxClient client, DropboxInvitation invitation, TransferSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(invitation);
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
            Dropbox = new DropboxStateDocument { Invitation = invitation.RevealUrl() },
        };
        return new TransferSession(new DropboxChannel(client, state, options), state, options);
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

using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Wire;

namespace Tigress.Client.Dropbox;

/// <summary>The dropbox binding's part of a session: the invitation and the transcript, and its channel.</summary>
internal sealed class DropboxBinding : ITransferBindingFactory
{
    public static readonly DropboxBinding Instance = new();

    private DropboxBinding()
    {
    }

    public Task<ITransferChannel> ShareAsync(
        TigressClient client,
        ShareRequest request,
        TransferStateDocument state,
        ICredentialVertical vertical,
        VerticalStep first,
        TransferSessionOptions options,
        CancellationToken cancellationToken)
    {
        if (state.RequiresPin && request.PinMode == PinMode.RelayAssisted)
        {
            throw new ArgumentException("The relay-assisted PIN needs a mailbox relay to count guesses; on the dropbox binding a PIN share uses SPAKE2.", nameof(request));
        }

        state.PinMode = state.RequiresPin ? Protocol.Mailbox.PinProtection.Spake2 : Protocol.Mailbox.PinProtection.None;
        DropboxInvitation invitation;
        try
        {
            invitation = DropboxInvitation.Create(request.RelayUri, request.Suite, requiresPin: state.RequiresPin);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException(exception.Message, nameof(request), exception);
        }

        using (invitation)
        {
            state.Dropbox = new DropboxStateDocument { Invitation = invitation.RevealUrl() };
        }

        return Task.FromResult<ITransferChannel>(new DropboxChannel(client.Dropbox, state, options));
    }

    public ITransferChannel Receive(TigressClient client, TigressLink link, ReadOnlySpan<char> pin, TransferStateDocument state, TransferSessionOptions options)
    {
        var invitation = link.Invitation!;
        if (RelayAddress.Check(invitation.BaseUri) is not RelayAddressError.None and var error)
        {
            throw new ArgumentException(RelayAddress.Describe(error, "The dropbox address"), "link");
        }

        state.PinMode = invitation.RequiresPin ? Protocol.Mailbox.PinProtection.Spake2 : Protocol.Mailbox.PinProtection.None;
        state.Dropbox = new DropboxStateDocument { Invitation = invitation.RevealUrl() };
        return new DropboxChannel(client.Dropbox, state, options);
    }

    public ITransferChannel Resume(TigressClient client, TransferStateDocument state, TransferSessionOptions options) =>
        new DropboxChannel(client.Dropbox, state, options);
}

using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Mailbox;

/// <summary>The mailbox binding's part of a session: the share key and the device claim, and its channel.</summary>
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
        await TransferSession.CheckSizeAsync(client.Mailbox, request, vertical, first, options, cancellationToken).ConfigureAwait(false);
        using var key = ShareKey.Generate(request.Algorithm);
        state.Key = MailboxChannel.EncodeKey(key);
        state.Claim = Guid.NewGuid();
        state.NotificationToken = request.NotificationToken is { } token
            ? new Protocol.Wire.Messages.NotificationTokenMessage { Type = token.Type, TokenData = token.TokenData }
            : null;
        return new MailboxChannel(client.Mailbox, state, options);
    }

    public ITransferChannel Receive(TigressClient client, TigressLink link, TransferStateDocument state, TransferSessionOptions options)
    {
        var shareUrl = link.ShareUrl!;
        state.MailboxUri = shareUrl.MailboxUri;
        state.ShareVertical = shareUrl.Vertical;
        state.Key = MailboxChannel.EncodeKey(shareUrl.Key);
        state.Claim = Guid.NewGuid();
        return new MailboxChannel(client.Mailbox, state, options);
    }

    public ITransferChannel Resume(TigressClient client, TransferStateDocument state, TransferSessionOptions options) =>
        new MailboxChannel(client.Mailbox, state, options);
}

using Tigress.Client;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;

namespace Tigress.Cli.State;

/// <summary>When a share ends: the expiry the sender asked for, capped by what the relay allows (its capability
/// document's <c>maxTtl</c>); for the dropbox binding, the sender's own wait (48 hours unless asked for less).</summary>
internal static class ShareExpiry
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>The share's expiry, or null when neither the sender nor the relay says (the relay not answering in time).</summary>
    public static async Task<DateTimeOffset?> EstimateAsync(
        TigressClient client, Uri relay, TransferBinding binding, DateTimeOffset sharedAt, DateTimeOffset? requested, CancellationToken cancellationToken)
    {
        TimeSpan? longest;
        if (binding == TransferBinding.Dropbox)
        {
            longest = new TransferSessionOptions().AnswerTimeout;
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            try
            {
                longest = (await client.Mailbox.GetCapabilitiesAsync(relay, timeout.Token).ConfigureAwait(false)).MaxTtl;
            }
            catch (Exception exception) when (exception is MailboxException or Protocol.TigressProtocolException
                || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                longest = null;
            }
        }

        var limit = longest is { } ttl ? sharedAt + ttl : (DateTimeOffset?)null;
        return (requested, limit) switch
        {
            ({ } asked, { } most) => asked < most ? asked : most,
            _ => requested ?? limit,
        };
    }
}

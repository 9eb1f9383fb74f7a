using System.Text;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Starts shares the way an application would, and moves them to the point a test needs.</summary>
public static class Shares
{
    public static Task<TransferSession> TextAsync(Uri relay, string text, MailboxClient? client = null, TransferSessionOptions? options = null) =>
        TransferSession.ShareAsync(
            client ?? Clients.Create(),
            new ShareRequest
            {
                RelayUri = relay,
                Format = AuthorizationTokenVertical.FormatName,
                Content = Encoding.UTF8.GetBytes(text),
                DisplayInformation = Samples.Display,
            },
            options);

    public static Task<TransferSession> CarKeyAsync(Uri relay, MailboxClient? client = null, TransferSessionOptions? options = null) =>
        TransferSession.ShareAsync(
            client ?? Clients.Create(),
            new ShareRequest
            {
                RelayUri = relay,
                Format = CarKeyVertical.FormatName,
                Content = new CarKeyOffer { VehicleId = "WVWZZZ1JZXW000001", Entitlements = ["unlock", "drive"] }.ToContent(),
                DisplayInformation = Samples.Display,
            },
            options);

    /// <summary>Steps the initiator until its mailbox exists and returns the link to hand out.</summary>
    public static async Task<ShareUrl> CreateMailboxAsync(TransferSession initiator)
    {
        while (initiator.MailboxUri is null)
        {
            await initiator.StepAsync();
        }

        return initiator.GetShareUrl()!;
    }

    public static TransferSession Receive(ShareUrl url, MailboxClient? client = null, TransferSessionOptions? options = null) =>
        TransferSession.Receive(client ?? Clients.Create(), url, options);

    /// <summary>Runs both sides concurrently to the end.</summary>
    public static async Task<(TransferResult Initiator, TransferResult Recipient)> RunBothAsync(TransferSession initiator, TransferSession recipient)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sending = initiator.RunAsync(timeout.Token);
        var receiving = recipient.RunAsync(timeout.Token);
        return (await sending, await receiving);
    }
}

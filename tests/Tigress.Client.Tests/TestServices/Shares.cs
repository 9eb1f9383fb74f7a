using System.Text;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Starts shares the way an application would, and moves them to the point a test needs. A PIN share is a
/// SPAKE2 one unless a test asks for the relay-assisted PIN.</summary>
public static class Shares
{
    public static Task<TransferSession> TextAsync(Uri relay, string text, MailboxClient? client = null, TransferSessionOptions? options = null, string? pin = null, PinMode pinMode = PinMode.Spake2, int? pinGuesses = null) =>
        TransferSession.ShareAsync(
            (client ?? Clients.Create()).AsTigress(),
            new ShareRequest
            {
                RelayUri = relay,
                Format = AuthorizationTokenVertical.FormatName,
                Content = Encoding.UTF8.GetBytes(text),
                DisplayInformation = Samples.Display,
                Pin = pin.AsMemory(),
                PinMode = pinMode,
                PinGuesses = pinGuesses,
            },
            options);

    public static Task<TransferSession> CarKeyAsync(Uri relay, MailboxClient? client = null, TransferSessionOptions? options = null, string? pin = null, PinMode pinMode = PinMode.Spake2, int? pinGuesses = null) =>
        TransferSession.ShareAsync(
            (client ?? Clients.Create()).AsTigress(),
            new ShareRequest
            {
                RelayUri = relay,
                Format = CarKeyVertical.FormatName,
                Content = new CarKeyOffer { VehicleId = "WVWZZZ1JZXW000001", Entitlements = ["unlock", "drive"] }.ToContent(),
                DisplayInformation = Samples.Display,
                Pin = pin.AsMemory(),
                PinMode = pinMode,
                PinGuesses = pinGuesses,
            },
            options);

    /// <summary>Has the initiator create its mailbox and returns the share URL to hand out.</summary>
    public static async Task<ShareUrl> CreateMailboxAsync(TransferSession initiator)
    {
        using var link = await initiator.GetLinkAsync();
        return ShareUrl.Parse(link.Reveal());
    }

    public static TransferSession Receive(ShareUrl url, MailboxClient? client = null, TransferSessionOptions? options = null)
    {
        using var link = url.ToLink();
        return TransferSession.Receive((client ?? Clients.Create()).AsTigress(), link, options: options);
    }

    public static TransferSession ReceiveWithPin(ShareUrl url, string pin, MailboxClient? client = null, TransferSessionOptions? options = null)
    {
        using var link = url.ToLink();
        return TransferSession.Receive((client ?? Clients.Create()).AsTigress(), link, pin, options);
    }

    /// <summary>Runs both sides concurrently to the end.</summary>
    public static async Task<(TransferResult Initiator, TransferResult Recipient)> RunBothAsync(TransferSession initiator, TransferSession recipient)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sending = initiator.RunAsync(timeout.Token);
        var receiving = recipient.RunAsync(timeout.Token);
        return (await sending, await receiving);
    }
}

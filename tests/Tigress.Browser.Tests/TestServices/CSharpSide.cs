using System.Text;
using Tigress.Client;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Provisioning;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>The C# SDK's side of a browser or interop test: a share, its link, and a session run to its end.</summary>
internal static class CSharpSide
{
    public static TigressClient CreateClient() =>
        new(new MailboxClient(new HttpClient { Timeout = TimeSpan.FromSeconds(90) }, new MailboxClientOptions { MaxRetries = 3, InitialRetryDelay = TimeSpan.FromMilliseconds(20) }));

    /// <summary>
    /// Shares <paramref name="text"/> with the generic vertical, with a PIN when one is given: SPAKE2 unless
    /// <paramref name="pinMode"/> says otherwise (the SDK's own default would take the relay-assisted PIN here).
    /// </summary>
    public static Task<TransferSession> ShareAsync(Uri relay, string text, DisplayInformation display, string? pin = null, PinMode pinMode = PinMode.Spake2) =>
        TransferSession.ShareAsync(
            CreateClient(),
            new ShareRequest
            {
                RelayUri = relay,
                Format = AuthorizationTokenVertical.FormatName,
                Content = Encoding.UTF8.GetBytes(text),
                DisplayInformation = display,
                Pin = pin.AsMemory(),
                PinMode = pinMode,
            });

    public static async Task<string> LinkAsync(TransferSession initiator)
    {
        using var link = await initiator.GetLinkAsync();
        return link.Reveal();
    }

    // Generous: the browser side may wait on a loaded machine.
    public static async Task<TransferResult> RunAsync(TransferSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await session.RunAsync(timeout.Token);
    }
}

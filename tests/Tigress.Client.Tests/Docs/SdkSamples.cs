// The using lines docs/sdk.md starts with: every sample there needs them, in an application's own namespace.
// <usings>
using Tigress.Client;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Provisioning;
// </usings>

namespace SdkGuide;

/// <summary>The code docs/sdk.md shows, compiled and run by <see cref="Tigress.Client.Tests.Docs.SdkSampleTests"/>; the regions between the
/// <c>// &lt;name&gt;</c> markers are the doc's code blocks, character for character.</summary>
public static class SdkSamples
{
    // <share>
    public static async Task<TransferStatus> ShareAsync(TigressClient client, Uri relay, byte[] credential, Action<string> showLink)
    {
        using var session = await TransferSession.ShareAsync(client, new ShareRequest
        {
            RelayUri = relay,
            Format = AuthorizationTokenVertical.FormatName,
            Content = credential,
            DisplayInformation = new DisplayInformation("Office door", "Your badge for the third floor", new Uri("https://example.com/door.png")),
        });
        using var link = await session.GetLinkAsync();
        showLink(link.Reveal());                     // a QR code, the share sheet...
        var result = await session.RunAsync();     // until the recipient has it, declines, or the share expires
        return result.Status;
    }
    // </share>

    // <receive>
    public static async Task<byte[]?> ReceiveAsync(TigressClient client, string text, string? pin, Func<TransferOffer, Task<bool>> askThePerson)
    {
        using var link = TigressLink.Parse(text);    // a share URL or a dropbox invitation
        if (link.RequiresPin && pin is null)
        {
            throw new InvalidOperationException("Ask for the PIN first: nothing has been claimed yet.");
        }

        using var session = TransferSession.Receive(client, link, pin);
        var offer = await session.GetOfferAsync(); // claims the share and verifies what it offers
        if (offer is not null && !await askThePerson(offer))
        {
            await session.DeclineAsync();           // the sender is told; nothing is received
            return null;
        }

        var result = await session.RunAsync();     // accepted: the vertical finishes the exchange
        return result.Content;
    }
    // </receive>

    // <resume>
    public static async Task<TransferResult> ResumeAsync(TigressClient client, TigressLink link, ISecretStore store, string transferId)
    {
        var options = new TransferSessionOptions
        {
            // Called before every request that depends on the state: store it as safely as the credential.
            StateChanged = (state, cancellationToken) => store.WriteAsync(transferId, state.ToJson(), cancellationToken),
        };
        using (var session = TransferSession.Receive(client, link, options: options))
        {
            await session.StepAsync();               // ... and then the app is killed
        }

        var saved = TransferState.FromJson(await store.ReadAsync(transferId));
        using var resumed = TransferSession.Resume(client, saved, options);
        return await resumed.RunAsync();
    }
    // </resume>

    /// <summary>Where an app keeps a transfer's state: the platform keystore, an encrypted file.</summary>
    public interface ISecretStore
    {
        ValueTask WriteAsync(string id, string json, CancellationToken cancellationToken);

        Task<string> ReadAsync(string id);
    }
}

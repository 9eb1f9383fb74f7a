using System.Text;
using Tigress.Client.Dropbox;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Dropbox;

namespace Tigress.Client.Tests.TestServices;

/// <summary>Starts dropbox shares the way an application would, and reads back what a transfer stored.</summary>
public static class Dropboxes
{
    public static DropboxClientOptions FastOptions => new()
    {
        MaxRetries = 3,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        InitialPollInterval = TimeSpan.FromMilliseconds(50),
        MaxPollInterval = TimeSpan.FromMilliseconds(400),
    };

    /// <summary>A handler that records (and may interfere with) a dropbox client's requests, without cookies of its own.</summary>
    public static InterceptingHandler Recorder(Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>>? intercept = null) =>
        new(intercept, new SocketsHttpHandler { UseCookies = false });

    public static DropboxClient Client(HttpMessageHandler? handler = null) => handler is null
        ? new DropboxClient(FastOptions)
        : new DropboxClient(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(90) }, FastOptions);

    public static Task<TransferSession> TextAsync(Uri baseUri, string text, DropboxClient? client = null, TransferSessionOptions? options = null, TigressSuite? suite = null, string? pin = null) =>
        TransferSession.ShareAsync(
            (client ?? Client()).AsTigress(),
            new ShareRequest
            {
                Binding = TransferBinding.Dropbox,
                RelayUri = baseUri,
                Format = AuthorizationTokenVertical.FormatName,
                Content = Encoding.UTF8.GetBytes(text),
                DisplayInformation = Samples.Display,
                Suite = suite,
                Pin = pin.AsMemory(),
            },
            options);

    public static Task<TransferSession> CarKeyAsync(Uri baseUri, DropboxClient? client = null, TransferSessionOptions? options = null, string? pin = null) =>
        TransferSession.ShareAsync(
            (client ?? Client()).AsTigress(),
            new ShareRequest
            {
                Binding = TransferBinding.Dropbox,
                RelayUri = baseUri,
                Format = CarKeyVertical.FormatName,
                Content = new CarKeyOffer { VehicleId = "WVWZZZ1JZXW000001", Entitlements = ["unlock", "drive"] }.ToContent(),
                DisplayInformation = Samples.Display,
                Pin = pin.AsMemory(),
            },
            options);

    /// <summary>Has the initiator store its first message and returns the invitation URL to hand out.</summary>
    public static async Task<string> InviteAsync(TransferSession initiator)
    {
        using var link = await initiator.GetLinkAsync();
        return link.Reveal();
    }

    public static TransferSession Receive(string invitation, DropboxClient? client = null, TransferSessionOptions? options = null)
    {
        using var parsed = TigressLink.Parse(invitation);
        return TransferSession.Receive((client ?? Client()).AsTigress(), parsed, options: options);
    }

    public static TransferSession ReceiveWithPin(string invitation, string pin, DropboxClient? client = null, TransferSessionOptions? options = null)
    {
        using var parsed = TigressLink.Parse(invitation);
        return TransferSession.Receive((client ?? Client()).AsTigress(), parsed, pin, options);
    }

    /// <summary>The URL of every message a transfer's state knows of, in order: where each one was (or would be) stored.</summary>
    public static IReadOnlyList<Uri> Locations(TransferState state)
    {
        var dropbox = state.ToDocument().Dropbox!;
        using var invitation = DropboxInvitation.Parse(dropbox.Invitation);
        using var schedule = new KeySchedule(invitation);
        var locations = new List<Uri>();
        foreach (var plaintext in dropbox.Transcript)
        {
            locations.Add(invitation.GetMessageUri(schedule.GetLocation()));
            schedule.AppendToTranscript(plaintext);
        }

        locations.Add(invitation.GetMessageUri(schedule.GetLocation()));
        return locations;
    }

    /// <summary>The encoded plaintexts a transfer's state holds.</summary>
    public static IReadOnlyList<byte[]> Transcript(TransferState state) => state.ToDocument().Dropbox!.Transcript;
}

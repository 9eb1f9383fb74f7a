using System.Net;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Dropbox;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>
/// The properties draft-rescorla-tigress-http claims for the dropbox, shown against real servers: where a message
/// lives is secret without R, and a party who learns R after the recipient took message 0 has lost the thread.
/// </summary>
public sealed class DropboxPropertyTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    public static TheoryData<string> Servers => DropboxServers.Names;

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task WithoutR_NoLocationCanBeFound(string server)
    {
        var baseUri = servers.BaseUri(server);
        using var initiator = await Dropboxes.TextAsync(baseUri, "only with R");
        var link = await Dropboxes.InviteAsync(initiator);
        using var http = new HttpClient();

        // The server does not list what it holds ...
        using (var listing = await http.GetAsync(baseUri))
        {
            Assert.True(listing.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"listing answered {listing.StatusCode}");
        }

        // ... and an invitation to the same server with another R finds nothing at its locations.
        using (var guess = DropboxInvitation.Create(baseUri))
        using (var wrong = TransferSession.Receive(Dropboxes.Client().AsTigress(), guess.ToLink()))
        {
            var result = await wrong.RunAsync();
            Assert.Equal(TransferStatus.Expired, result.Status);
            Assert.False(result.PeerSeen);
        }

        using var recipient = Dropboxes.Receive(link);
        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task RLearnedAfterMessage0WasTaken_DerivesNeitherLocation1NorKey1(string server)
    {
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(server));
        var link = await Dropboxes.InviteAsync(initiator);
        using var recipient = Dropboxes.Receive(link);
        await recipient.StepAsync(); // took message 0 (read, then deleted), stored message 1

        // The late party holds R and, at best, the content of message 0 (the vertical's request is no secret);
        // it lacks only message 0's random bytes, which left the server with the message.
        using var late = DropboxInvitation.Parse(link);
        var real = Dropboxes.Transcript(recipient.GetState());
        var realLocations = Dropboxes.Locations(recipient.GetState());
        var realFirst = TigressPlaintext.Parse(real[0]);
        var guessedFirst = TigressPlaintext.Create(0, realFirst.Message.Span, realFirst.Random.Length);
        using var guess = new KeySchedule(late);
        Assert.Equal(realLocations[0], late.GetMessageUri(guess.GetLocation()));
        guess.AppendToTranscript(guessedFirst.Encode());
        var guessedLocation = late.GetMessageUri(guess.GetLocation());
        var guessedKey = new byte[late.Suite.HashLength];
        guess.DeriveKey(guessedKey);

        using var http = new HttpClient();
        using var first = await http.GetAsync(realLocations[0]);
        using var atGuess = await http.GetAsync(guessedLocation);
        // Message 0 is gone from the server; under the lock the late party may not even look.
        Assert.Equal(server == DropboxServers.LockedRelay ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, first.StatusCode);
        Assert.NotEqual(realLocations[1], guessedLocation);
        Assert.Equal(HttpStatusCode.NotFound, atGuess.StatusCode);

        // Shown with the test's own knowledge of the real location 1: the message is there, and the guessed key
        // does not open it, while the real one does.
        if (server != DropboxServers.LockedRelay)
        {
            var body = await http.GetByteArrayAsync(realLocations[1]);
            Assert.Null(EncapsulatedMessage.Open(late.Suite, guessedKey, body));
            using var schedule = new KeySchedule(late);
            schedule.AppendToTranscript(real[0]);
            var realKey = new byte[late.Suite.HashLength];
            schedule.DeriveKey(realKey);
            Assert.NotNull(EncapsulatedMessage.Open(late.Suite, realKey, body));
        }

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
    }
}

using System.Diagnostics;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Dropbox;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>
/// What a dishonest or broken server can do to an exchange, on an in-process fake that stores bodies like a plain
/// WebDAV folder: drop a message, replace one, reorder them, or hand over a message with the wrong id. Every run must
/// end cleanly, with a typed outcome, inside its deadline.
/// </summary>
public sealed class DropboxMisbehaviourTests
{
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(2);

    private static TransferSessionOptions Options => new() { AnswerTimeout = s_answerTimeout };

    [Fact]
    public async Task ServerDropsAMessage_BothSidesEndExpiredWithinTheirDeadline()
    {
        await using var server = await FakeDropboxServer.StartAsync();

        // The recipient's first answer (message 1, KeySigningRequest) is acknowledged but never stored.
        server.Keep = (number, _, _) => number != 1;
        using var initiator = await Dropboxes.CarKeyAsync(server.BaseUri, options: Options);
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator), options: Options);
        var clock = Stopwatch.StartNew();

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Expired, sent.Status);
        Assert.Equal(TransferStatus.Expired, received.Status);
        Assert.True(received.PeerSeen);
        Assert.Null(received.Content);
        Assert.InRange(clock.Elapsed, s_answerTimeout, s_answerTimeout * 5);
        Assert.Equal(0, server.StoredCount);
    }

    [Fact]
    public async Task ServerReplacesAMessage_RecipientRejectsIt()
    {
        await using var server = await FakeDropboxServer.StartAsync();
        using var initiator = await Dropboxes.TextAsync(server.BaseUri, "the real token", options: Options);
        var link = await Dropboxes.InviteAsync(initiator);
        var first = server.Puts[0];
        var tampered = first.Body.ToArray();
        tampered[^20] ^= 0x01;
        server.Serve = (location, stored) => location == first.Location && stored is not null ? tampered : stored;
        using var recipient = Dropboxes.Receive(link, options: Options);

        var exception = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync());

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.Equal(TransferStatus.Failed, recipient.Status);
        Assert.Equal(TransferStatus.Expired, (await initiator.RunAsync()).Status);
    }

    [Fact]
    public async Task ServerServesAnotherTransfersGenuineMessage_RecipientRejectsIt()
    {
        await using var server = await FakeDropboxServer.StartAsync();
        using var other = await Dropboxes.TextAsync(server.BaseUri, "someone else's token", options: Options);
        await Dropboxes.InviteAsync(other);
        using var initiator = await Dropboxes.TextAsync(server.BaseUri, "the real token", options: Options);
        var link = await Dropboxes.InviteAsync(initiator);
        var (otherLocation, otherBody) = server.Puts[0];
        var mine = server.Puts[1].Location;
        server.Serve = (location, stored) => location == mine ? otherBody : stored;
        using var recipient = Dropboxes.Receive(link, options: Options);

        var exception = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync());

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.NotEqual(otherLocation, mine);
    }

    [Fact]
    public async Task ServerReordersMessages_ReplayingAnEarlierOne_IsRejected()
    {
        await using var server = await FakeDropboxServer.StartAsync();

        // Message 2 (KeyImportRequest) is answered with message 0's body (KeyCreationRequest) from the same exchange.
        server.Serve = (location, stored) =>
        {
            var puts = server.Puts;
            return puts.Count > 2 && location == puts[2].Location ? puts[0].Body : stored;
        };
        using var initiator = await Dropboxes.CarKeyAsync(server.BaseUri, options: Options);
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator), options: Options);

        var receiving = recipient.RunAsync();
        var sending = initiator.RunAsync();
        var exception = await Assert.ThrowsAsync<TransferException>(() => receiving);

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.Equal(TransferStatus.Expired, (await sending).Status);
        Assert.Equal(3, server.Puts.Count);
    }

    [Fact]
    public async Task ServerSwapsTwoMessages_TheReaderRejectsWhatItGets()
    {
        await using var server = await FakeDropboxServer.StartAsync();
        using var initiator = await Dropboxes.CarKeyAsync(server.BaseUri, options: Options);
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator), options: Options);
        await recipient.StepAsync(); // take 0, put 1

        // Message 1 is served where the recipient will look for message 2, and the other way round.
        var answer = server.Puts[1];
        await initiator.StepAsync(); // take 1, put 2
        var import = server.Puts[2];
        server.Serve = (location, stored) => location == import.Location ? answer.Body : location == answer.Location ? import.Body : stored;

        var exception = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync());

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
    }

    [Fact]
    public async Task AuthenticMessageWithAnotherId_IsRejected()
    {
        await using var server = await FakeDropboxServer.StartAsync();
        using var invitation = DropboxInvitation.Create(server.BaseUri);

        // Someone holding R seals a message under location 0's key, but numbers it 2.
        using (var schedule = new KeySchedule(invitation))
        {
            var key = new byte[invitation.Suite.HashLength];
            schedule.DeriveKey(key);
            var plaintext = TigressPlaintext.Create(2, """{"format":"digitalwallet.generic.authorizationToken","content":{"token":"AAAA"}}"""u8);
            var body = EncapsulatedMessage.Seal(invitation.Suite, key, plaintext.Encode());
            using var http = new HttpClient();
            using var put = await http.PutAsync(invitation.GetMessageUri(schedule.GetLocation()), new ByteArrayContent(body));
            put.EnsureSuccessStatusCode();
        }

        using var recipient = TransferSession.Receive(Dropboxes.Client().AsTigress(), invitation.ToLink(), options: Options);
        var exception = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync());

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.Equal(0, server.StoredCount);
    }
}

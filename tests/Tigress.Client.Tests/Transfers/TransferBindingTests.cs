using System.Text;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Tests.Transfers;

/// <summary>
/// The scenarios every binding runs the same way, written once over the binding-neutral factories: the mailbox on the
/// real relay, and the dropbox on a stock nginx, the relay, and the relay with its lock.
/// </summary>
public sealed class TransferBindingTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    private const string Mailbox = "mailbox";

    public static TheoryData<string> Targets => new() { Mailbox, DropboxServers.Nginx, DropboxServers.Relay, DropboxServers.LockedRelay };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Share_LinkInOneCall_ReceiverSeesTheVerifiedOfferAndGetsTheContent(string target)
    {
        var events = new List<TransferEvent>();
        using var client = NewClient();
        using var initiator = await ShareAsync(client, target, "open sesame", options: new TransferSessionOptions { EventOccurred = events.Add });
        using var shared = await initiator.GetLinkAsync();
        using var link = TigressLink.Parse(shared.Reveal());
        using var recipient = TransferSession.Receive(NewClient(), link);

        var sending = initiator.RunAsync();
        var offer = await recipient.GetOfferAsync();
        var received = await recipient.RunAsync();
        var sent = await sending;

        Assert.Equal(Binding(target), link.Binding);
        Assert.Equal(target == Mailbox ? ShareVertical.GeneralAccess : null, link.Vertical);
        Assert.False(link.RequiresPin);
        Assert.NotNull(offer);
        Assert.Equal(AuthorizationTokenVertical.FormatName, offer.Format);
        Assert.Equal(ShareVertical.GeneralAccess, offer.Vertical);
        Assert.Equal(Samples.Display.Title, offer.Title);
        Assert.Equal(Samples.Display.Description, offer.Description);
        Assert.Equal(Samples.Display.ImageUrl, offer.ImageUrl);
        Assert.Equal(target == Mailbox ? true : null, offer.PreviewMatched);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal("open sesame", Encoding.UTF8.GetString(received.Content!));
        Assert.Null(sent.Content);
        Assert.Equal((1, 1), (sent.MessagesSent, sent.MessagesReceived));
        Assert.Equal((1, 1), (received.MessagesSent, received.MessagesReceived));
        Assert.Equal(TransferEventKind.Completed, events[^1].Kind);
        await AssertNothingLeftAsync(target, initiator, link);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Decline_AfterTheOffer_SenderLearnsWhy_NothingIsReceived(string target)
    {
        using var client = NewClient();
        using var initiator = await ShareAsync(client, target, "not for you");
        using var link = await initiator.GetLinkAsync();
        using var recipient = TransferSession.Receive(NewClient(), link);

        var sending = initiator.RunAsync();
        var offer = await recipient.GetOfferAsync();
        await recipient.DeclineAsync("Not today, thanks.");
        var declined = await recipient.RunAsync();
        var sent = await sending;

        Assert.NotNull(offer);
        Assert.Equal(TransferStatus.Cancelled, declined.Status);
        Assert.Null(declined.Content);
        Assert.False(declined.CancelledByPeer);
        Assert.Equal(TransferStatus.Cancelled, sent.Status);
        Assert.True(sent.CancelledByPeer);
        Assert.Equal("Not today, thanks.", sent.CancelReason);
        await AssertNothingLeftAsync(target, initiator, link);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task RightPin_BothSides_PinMatchedAndContentDelivered(string target)
    {
        var recipientEvents = new List<TransferEvent>();
        using var client = NewClient();
        using var initiator = await ShareAsync(client, target, "gate 4711", pin: "246813");
        using var link = await initiator.GetLinkAsync();
        using var recipient = TransferSession.Receive(NewClient(), link, "246-813", new TransferSessionOptions { EventOccurred = recipientEvents.Add });

        var sending = initiator.RunAsync();
        var offer = await recipient.GetOfferAsync();
        var received = await recipient.RunAsync();
        var sent = await sending;

        Assert.True(link.RequiresPin);
        Assert.Contains("p=1", link.Reveal(), StringComparison.Ordinal);
        Assert.Equal(Samples.Display.Title, offer!.Title);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal("gate 4711", Encoding.UTF8.GetString(received.Content!));
        Assert.Contains(recipientEvents, e => e.Kind == TransferEventKind.PinMatched);
        await AssertNothingLeftAsync(target, initiator, link);
    }

    [Theory]
    [InlineData(TransferBinding.Mailbox, "http://relay.example/", "must use https")]
    [InlineData(TransferBinding.Mailbox, "https://user:secret@relay.example/", "must not carry user information")]
    [InlineData(TransferBinding.Mailbox, "https://relay.example/?tenant=1", "must not carry a query or a fragment")]
    [InlineData(TransferBinding.Dropbox, "https://user:secret@relay.example/d/", "must not carry user information")]
    public async Task Share_RelayAddressBreakingTheRule_IsRefusedWithItsWordingBeforeAnyRequest(TransferBinding binding, string relay, string wording)
    {
        var recorder = Dropboxes.Recorder();
        using var recording = new TigressClient(Clients.Create(recorder), Dropboxes.Client(recorder));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => TransferSession.ShareAsync(
            recording,
            new ShareRequest
            {
                RelayUri = new Uri(relay),
                Binding = binding,
                Format = AuthorizationTokenVertical.FormatName,
                Content = Encoding.UTF8.GetBytes("never sent"),
                DisplayInformation = Samples.Display,
            }));

        Assert.Contains("The relay address " + wording, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
        Assert.Empty(recorder.Requests);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Receive_PinShareWithoutPin_OrPinForAShareWithout_ThrowsBeforeAnyRequest(string target)
    {
        using var client = NewClient();
        using var withPin = await ShareAsync(client, target, "still here", pin: "565656");
        using var pinLink = await withPin.GetLinkAsync();
        using var without = await ShareAsync(client, target, "no pin");
        using var plainLink = await without.GetLinkAsync();
        var recorder = Dropboxes.Recorder();
        using var recording = new TigressClient(Clients.Create(recorder), Dropboxes.Client(recorder));

        var missing = Assert.Throws<ArgumentException>(() => TransferSession.Receive(recording, pinLink));
        var tooShort = Assert.Throws<ArgumentException>(() => TransferSession.Receive(recording, pinLink, "56565"));
        var extra = Assert.Throws<ArgumentException>(() => TransferSession.Receive(recording, plainLink, "123456"));
        using var right = TransferSession.Receive(NewClient(), pinLink, "565656");
        var sending = withPin.RunAsync();
        var received = await right.RunAsync();

        Assert.Equal(("pin", "pin", "pin"), (missing.ParamName, tooShort.ParamName, extra.ParamName));
        Assert.DoesNotContain("56565", tooShort.Message, StringComparison.Ordinal);
        Assert.Empty(recorder.Requests);
        Assert.Equal("still here", Encoding.UTF8.GetString(received.Content!));
        Assert.Equal(TransferStatus.Completed, (await sending).Status);
        await without.CancelAsync("test over");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Resume_BothSidesFromSavedStateAfterEveryStep_Completes(string target)
    {
        using var client = NewClient();
        string initiatorJson;
        using (var initiator = await ShareAsync(client, target, "survives restarts"))
        {
            initiatorJson = initiator.GetState().ToJson();
        }

        string? recipientJson = null;
        using (var created = TransferSession.Resume(client, TransferState.FromJson(initiatorJson)))
        using (var link = await created.GetLinkAsync())
        using (var recipient = TransferSession.Receive(client, link))
        {
            initiatorJson = created.GetState().ToJson();
            recipientJson = recipient.GetState().ToJson();
        }

        var status = (Initiator: TransferStatus.Active, Recipient: TransferStatus.Active);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var turn = 0; status != (TransferStatus.Completed, TransferStatus.Completed); turn++)
        {
            // One step of each side, each from a session rebuilt from its saved state, as after a restart.
            Assert.True(turn < 40, $"not done after {turn} turns: {status}");
            var initiatorStep = StepFromAsync(client, initiatorJson, timeout.Token);
            var recipientStep = StepFromAsync(client, recipientJson, timeout.Token);
            (initiatorJson, status.Initiator) = await initiatorStep;
            (recipientJson, status.Recipient) = await recipientStep;
        }

        using var done = TransferSession.Resume(client, TransferState.FromJson(recipientJson));
        var received = await done.RunAsync(timeout.Token);
        Assert.Equal(Binding(target), done.Binding);
        Assert.Equal("survives restarts", Encoding.UTF8.GetString(received.Content!));
    }

    private static async Task<(string Json, TransferStatus Status)> StepFromAsync(TigressClient client, string json, CancellationToken cancellationToken)
    {
        using var session = TransferSession.Resume(client, TransferState.FromJson(json), new TransferSessionOptions { LongPollWait = TimeSpan.FromSeconds(2) });
        var status = session.Status == TransferStatus.Active ? await session.StepAsync(cancellationToken) : session.Status;
        return (session.GetState().ToJson(), status);
    }

    private static TransferBinding Binding(string target) => target == Mailbox ? TransferBinding.Mailbox : TransferBinding.Dropbox;

    private static TigressClient NewClient() => new(Clients.Create(), Dropboxes.Client());

    private Task<TransferSession> ShareAsync(TigressClient client, string target, string text, string? pin = null, TransferSessionOptions? options = null) =>
        TransferSession.ShareAsync(
            client,
            new ShareRequest
            {
                Binding = Binding(target),
                RelayUri = target == Mailbox ? servers.RelayServer.BaseUri : servers.BaseUri(target),
                Format = AuthorizationTokenVertical.FormatName,
                Content = Encoding.UTF8.GetBytes(text),
                DisplayInformation = Samples.Display,
                Pin = pin.AsMemory(),

                // The SPAKE2 exchange is the one both bindings run; the relay-assisted PIN has tests of its own.
                PinMode = PinMode.Spake2,
            },
            options);

    /// <summary>The mailbox is deleted; the dropbox holds nothing at any location of the exchange.</summary>
    private async Task AssertNothingLeftAsync(string target, TransferSession initiator, TigressLink link)
    {
        if (target == Mailbox)
        {
            var exception = await Assert.ThrowsAsync<MailboxException>(() => Clients.Create().GetPreviewAsync(link.Address));
            Assert.Equal(MailboxError.NotFound, exception.Error);
            return;
        }

        await servers.AssertNothingLeftAsync(target, Dropboxes.Locations(initiator.GetState()));
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Transfers;

/// <summary>
/// The relay-assisted PIN (docs/protocol.md section 12.6) through the SDK against the real relay: the recipient
/// receives while the sender is away, the relay counts every wrong guess, and the sender hears of each one.
/// </summary>
public sealed class RelayPinTransferTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private const string RightPin = "4711235";

    [Fact]
    public async Task Receive_SenderGoneAfterTheLink_RightPinDeliversAtOnce()
    {
        var recipientEvents = new List<TransferEvent>();
        string link;
        using (var initiator = await Shares.TextAsync(fixture.BaseUri, "door code 1357", pin: RightPin, pinMode: PinMode.Automatic))
        {
            using var handedOut = await initiator.GetLinkAsync();
            link = handedOut.Reveal();
            Assert.Equal(PinProtection.RelayAssisted, initiator.PinProtection);
        }

        // The sender's session is gone: nothing of it runs while the recipient receives.
        using var parsed = TigressLink.Parse(link);
        using var recipient = TransferSession.Receive(
            Clients.Create().AsTigress(), parsed, "471 1235", new TransferSessionOptions { EventOccurred = recipientEvents.Add });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = await recipient.RunAsync(timeout.Token);

        Assert.Contains("p=2", link, StringComparison.Ordinal);
        Assert.Equal(PinProtection.RelayAssisted, parsed.PinProtection);
        Assert.Equal(PinProtection.RelayAssisted, recipient.PinProtection);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal("door code 1357", Encoding.UTF8.GetString(received.Content!));
        Assert.Contains(recipientEvents, e => e.Kind == TransferEventKind.Claimed);
    }

    [Fact]
    public async Task Receive_WrongPinThenRight_TellsTheTriesLeftAndTheSenderHearsOfTheGuess()
    {
        var initiatorEvents = new ConcurrentQueue<TransferEvent>();
        using var initiator = await Shares.TextAsync(
            fixture.BaseUri, "second try", options: new TransferSessionOptions { EventOccurred = initiatorEvents.Enqueue }, pin: RightPin, pinMode: PinMode.RelayAssisted);
        using var url = await Shares.CreateMailboxAsync(initiator);

        using var wrong = Shares.ReceiveWithPin(url, "4711236");
        var failure = await Assert.ThrowsAsync<TransferException>(() => wrong.RunAsync());
        using var right = Shares.ReceiveWithPin(url, RightPin);
        var (sent, received) = await Shares.RunBothAsync(initiator, right);

        Assert.Equal(TransferError.WrongPin, failure.Error);
        Assert.Contains("2 tries are left", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal("second try", Encoding.UTF8.GetString(received.Content!));
        var guess = Assert.Single(initiatorEvents, e => e.Kind == TransferEventKind.PinGuessFailed);
        Assert.Equal(2, guess.GuessesLeft);
    }

    [Fact]
    public async Task LastWrongGuess_LocksTheShare_AndTheSenderResumedLaterIsToldOfEveryGuess()
    {
        string state;
        using (var initiator = await Shares.TextAsync(fixture.BaseUri, "never delivered", pin: RightPin, pinMode: PinMode.RelayAssisted, pinGuesses: 2))
        {
            using var url = await Shares.CreateMailboxAsync(initiator);
            using var first = Shares.ReceiveWithPin(url, "1111111");
            using var second = Shares.ReceiveWithPin(url, "2222222");
            using var late = Shares.ReceiveWithPin(url, RightPin);

            var one = await Assert.ThrowsAsync<TransferException>(() => first.RunAsync());
            var two = await Assert.ThrowsAsync<TransferException>(() => second.RunAsync());
            var locked = await Assert.ThrowsAsync<TransferException>(() => late.RunAsync());

            Assert.Contains("1 try is left", one.Message, StringComparison.Ordinal);
            Assert.Contains("locked", two.Message, StringComparison.Ordinal);
            Assert.Equal((TransferError.WrongPin, TransferError.WrongPin), (two.Error, locked.Error));
            Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
            state = initiator.GetState().ToJson();
        }

        var events = new ConcurrentQueue<TransferEvent>();
        using var resumed = TransferSession.Resume(
            Clients.Create().AsTigress(), TransferState.FromJson(state), new TransferSessionOptions { EventOccurred = events.Enqueue });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ended = await Assert.ThrowsAsync<TransferException>(() => resumed.RunAsync(timeout.Token));

        Assert.Equal(TransferError.WrongPin, ended.Error);
        Assert.Equal(TransferStatus.Failed, resumed.Status);
        Assert.Equal([1, 0], events.Where(e => e.Kind == TransferEventKind.PinGuessFailed).Select(e => e.GuessesLeft!.Value));
    }

    [Fact]
    public async Task WrongPinThenRight_WithTheSenderAway_TheSenderResumedLaterHearsTheGuessBeforeTheEnd()
    {
        string state;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using (var initiator = await Shares.TextAsync(fixture.BaseUri, "heard of later", pin: RightPin, pinMode: PinMode.RelayAssisted))
        {
            using var url = await Shares.CreateMailboxAsync(initiator);
            state = initiator.GetState().ToJson();
            using var wrong = Shares.ReceiveWithPin(url, "4711236");
            await Assert.ThrowsAsync<TransferException>(() => wrong.RunAsync(timeout.Token));
            using var right = Shares.ReceiveWithPin(url, RightPin);
            Assert.Equal(TransferStatus.Completed, (await right.RunAsync(timeout.Token)).Status);
        }

        // The resumed session's first read (which opening the stream asks for) finds the recipient's answer at once,
        // racing the replay of the log that holds the wrong PIN before the claim: the guess is still told, and first.
        var events = new ConcurrentQueue<TransferEvent>();
        using var resumed = TransferSession.Resume(
            Clients.Create().AsTigress(), TransferState.FromJson(state), new TransferSessionOptions { EventOccurred = events.Enqueue });
        var sent = await resumed.RunAsync(timeout.Token);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        var guess = Assert.Single(events, e => e.Kind == TransferEventKind.PinGuessFailed);
        Assert.Equal(2, guess.GuessesLeft);
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.True(kinds.IndexOf(TransferEventKind.PinGuessFailed) < kinds.IndexOf(TransferEventKind.MessageReceived), string.Join(", ", kinds));
    }

    [Fact]
    public async Task CarKey_SenderOnline_EveryRoundGoesOnAfterThePinStep()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, pin: RightPin, pinMode: PinMode.RelayAssisted);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.ReceiveWithPin(url, RightPin);

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.True(JsonDocument.Parse(received.Content!).RootElement.GetProperty("signatureVerified").GetBoolean());

        // No PIN exchange: the vertical's two rounds and the acknowledgement, every one under the session key.
        Assert.Equal((2, 2), (sent.MessagesSent, sent.MessagesReceived));
    }

    [Fact]
    public async Task DeviceWithoutThePin_CannotClaim_AndTheRealRecipientReceivesAfterwards()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "still mine", pin: RightPin, pinMode: PinMode.RelayAssisted);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var client = Clients.Create();

        // A device that has the link but not the PIN reads as any client would: the relay binds nothing.
        var refused = await Assert.ThrowsAsync<MailboxException>(() => client.ReadAsync(url.MailboxUri, Guid.NewGuid()));
        using var recipient = Shares.ReceiveWithPin(url, RightPin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = await recipient.RunAsync(timeout.Token);

        Assert.Equal(MailboxError.PinRequired, refused.Error);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal("still mine", Encoding.UTF8.GetString(received.Content!));
    }

    [Fact]
    public async Task SixteenDevicesWithTheRightPin_ExactlyOneGetsTheCredential()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "only one", pin: RightPin, pinMode: PinMode.RelayAssisted);
        using var url = await Shares.CreateMailboxAsync(initiator);
        var devices = Enumerable.Range(0, 16).Select(_ => Shares.ReceiveWithPin(url, RightPin)).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var outcomes = await Task.WhenAll(devices.Select(async device =>
        {
            try
            {
                return (await device.RunAsync(timeout.Token)).Status.ToString();
            }
            catch (TransferException exception)
            {
                return exception.Error.ToString();
            }
        }));
        devices.ForEach(d => d.Dispose());

        Assert.Single(outcomes, o => o == nameof(TransferStatus.Completed));
        Assert.All(outcomes.Where(o => o != nameof(TransferStatus.Completed)), o => Assert.Equal(nameof(TransferError.AlreadyClaimed), o));
    }

    [Fact]
    public async Task Share_TooManyGuessesForThePin_IsRefusedBeforeAnythingIsUploaded()
    {
        var recorder = new InterceptingHandler();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            Shares.TextAsync(fixture.BaseUri, "too easy", Clients.Create(recorder), pin: "123456", pinMode: PinMode.RelayAssisted, pinGuesses: 2));

        Assert.Contains("at most 1 guesses", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(recorder.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task Receive_WrongPins_TheFailureCarriesTheGuessesLeft_ZeroOnceLocked()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "counted", pin: RightPin, pinMode: PinMode.RelayAssisted, pinGuesses: 2);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var first = Shares.ReceiveWithPin(url, "1111111");
        using var second = Shares.ReceiveWithPin(url, "2222222");
        using var late = Shares.ReceiveWithPin(url, RightPin);

        var one = await Assert.ThrowsAsync<TransferException>(() => first.RunAsync());
        var two = await Assert.ThrowsAsync<TransferException>(() => second.RunAsync());
        var locked = await Assert.ThrowsAsync<TransferException>(() => late.RunAsync());
        var again = await Assert.ThrowsAsync<TransferException>(() => first.StepAsync());

        Assert.Equal(new int?[] { 1, 0, 0, 1 }, new[] { one, two, locked, again }.Select(e => e.GuessesLeft));
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Pake.Messages;
using Tigress.Protocol.Provisioning;
using Tigress.Testing;

namespace Tigress.Client.Tests.Transfers;

/// <summary>PIN-protected shares over the mailbox binding, both sides against the real relay.</summary>
public sealed class PinTransferTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task RightPin_AuthorizationToken_DeliversContentAndDeletesMailbox()
    {
        var initiatorEvents = new List<TransferEvent>();
        var recipientEvents = new List<TransferEvent>();
        var pin = Pin.Generate();
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "door code 8080", options: new TransferSessionOptions { EventOccurred = initiatorEvents.Add }, pin: pin);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.ReceiveWithPin(ShareUrl.Parse(url.GetLink()), pin, options: new TransferSessionOptions { EventOccurred = recipientEvents.Add });

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal("door code 8080", Encoding.UTF8.GetString(received.Content!));
        Assert.True(url.RequiresPin);
        Assert.Contains("p=1", url.GetLink(), StringComparison.Ordinal);
        Assert.Equal(
            [(TransferEventKind.MessageSent, 0, PinFormats.Start), (TransferEventKind.MessageReceived, 0, PinFormats.Answer),
             (TransferEventKind.MessageSent, 1, PinFormats.Confirm), (TransferEventKind.MessageReceived, 1, "tigress.control.complete")],
            Messages(initiatorEvents));
        Assert.Equal(
            [(TransferEventKind.MessageReceived, 0, PinFormats.Start), (TransferEventKind.MessageSent, 0, PinFormats.Answer),
             (TransferEventKind.MessageReceived, 1, PinFormats.Confirm), (TransferEventKind.MessageSent, 1, "tigress.control.complete")],
            Messages(recipientEvents));
        Assert.Contains(initiatorEvents, e => e.Kind == TransferEventKind.PinMatched);
        Assert.Contains(recipientEvents, e => e.Kind == TransferEventKind.PinMatched);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task RightPin_CarKey_CompletesEveryRoundUnderTheSessionKey()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, pin: "20240612");
        using var url = await Shares.CreateMailboxAsync(initiator);

        // Typed with a space and a dash, as people do.
        using var recipient = Shares.ReceiveWithPin(url, "2024 06-12");

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.True(JsonDocument.Parse(received.Content!).RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal((3, 3), (sent.MessagesSent, sent.MessagesReceived));
    }

    [Fact]
    public async Task WrongPin_InitiatorEndsTheShareAndSaysSo_RecipientIsTold_RightPinNoLongerWorks()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "never revealed", pin: "482913");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var guesser = Shares.ReceiveWithPin(url, "482914");

        var receiving = Capture(guesser.RunAsync());
        var sharing = Capture(initiator.RunAsync());
        var (initiatorFailure, recipientFailure) = (await sharing, await receiving);

        Assert.Equal(TransferError.WrongPin, initiatorFailure?.Error);
        Assert.Contains("wrong PIN was tried", initiatorFailure!.Message, StringComparison.Ordinal);
        Assert.Equal(TransferStatus.Failed, initiator.Status);
        Assert.Equal(TransferError.WrongPin, recipientFailure?.Error);
        Assert.Equal(TransferStatus.Failed, guesser.Status);
        await AssertGoneAsync(url.MailboxUri);

        using var rightful = Shares.ReceiveWithPin(url, "482913");
        var late = await rightful.RunAsync();
        Assert.Equal(TransferStatus.Expired, late.Status);
        Assert.False(late.PeerSeen);
        Assert.Null(late.Content);
    }

    [Fact]
    public async Task AttackerClaimsFirstWithAGuess_CredentialNeverRevealed_RealRecipientFindsShareEnded()
    {
        const string credential = "CREDENTIAL-5d1e0f";
        var seen = new List<string>();
        using var initiator = await Shares.TextAsync(fixture.BaseUri, credential, pin: "737373");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var attacker = Shares.ReceiveWithPin(url, "000000", Clients.Create(RecordBodies(seen)));

        var attacking = Capture(attacker.RunAsync());
        var sharing = Capture(initiator.RunAsync());
        Assert.Equal(TransferError.WrongPin, (await sharing)?.Error);
        Assert.Equal(TransferError.WrongPin, (await attacking)?.Error);
        using var real = Shares.ReceiveWithPin(url, "737373");
        var result = await real.RunAsync();

        Assert.Equal(TransferStatus.Expired, result.Status);
        Assert.False(result.PeerSeen);

        // Everything the attacker's device received, opened with the link's key as every i2r message: no credential.
        Assert.NotEmpty(seen);
        foreach (var plaintext in OpenAll(seen, url.Key))
        {
            Assert.DoesNotContain(credential, plaintext, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(credential)), plaintext, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FirstMessage_OpenedWithTheLinkAlone_HoldsOnlyTheInitiatorsShareAndThePreview()
    {
        const string credential = "CREDENTIAL-a41c77";
        var seen = new List<string>();
        using var initiator = await Shares.TextAsync(fixture.BaseUri, credential, Clients.Create(RecordBodies(seen)), pin: "246810");
        using var url = await Shares.CreateMailboxAsync(initiator);

        var create = JsonNode.Parse(seen[0])!; // the create request; the relay's answer follows
        var payload = SecurePayload.Parse(create["payload"]!["type"]!.GetValue<string>(), create["payload"]!["data"]!.GetValue<string>());
        var message = ProvisioningInformation.Parse(payload.Open(url.Key, PayloadDirection.InitiatorToRecipient, 0));

        Assert.Equal(PinFormats.Start, message.Format);
        Assert.True(PinStartMessage.TryParse(message, out _));
        Assert.Equal(["share"], message.Content.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Samples.Display, message.DisplayInformation);
        Assert.DoesNotContain(credential, Encoding.UTF8.GetString(message.ToUtf8Json()), StringComparison.Ordinal);
        await initiator.CancelAsync("test over");
    }

    [Fact]
    public async Task MessagesAfterTheExchange_DoNotOpenWithTheLinkAlone()
    {
        // What a holder of the link sees of the confirm message and the recipient's acknowledgement: the session layer's ciphertext.
        const string credential = "CREDENTIAL-0b9e3d";
        var seen = new List<string>();
        using var initiator = await Shares.TextAsync(fixture.BaseUri, credential, pin: "121212");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.ReceiveWithPin(url, "121212", Clients.Create(RecordBodies(seen)));

        var (_, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(credential, Encoding.UTF8.GetString(received.Content!));
        var opened = OpenAll(seen, url.Key).ToList();
        Assert.Contains(opened, p => p.Contains(PinFormats.Confirm, StringComparison.Ordinal));
        Assert.All(opened, p => Assert.DoesNotContain(credential, p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LinkStrippedOfPinFlag_RecipientLetsGoOfItsClaim_AndTheRightLinkWithPinWorks()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "flag lost", pin: "909192");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var stripped = ShareUrl.Create(url.MailboxUri, url.Key, url.Vertical, requiresPin: false);
        using var unaware = Shares.Receive(stripped);

        var exception = await Assert.ThrowsAsync<TransferException>(() => unaware.RunAsync());
        using var right = Shares.ReceiveWithPin(url, "909192");
        var (sent, received) = await Shares.RunBothAsync(initiator, right);

        Assert.Equal(TransferError.PinRequired, exception.Error);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal("flag lost", Encoding.UTF8.GetString(received.Content!));
    }

    [Fact]
    public async Task RecipientCancelsBeforeReadingTheConfirmation_InitiatorLearnsWhyAndDeletes()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, pin: "343434");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.ReceiveWithPin(url, "343434");
        await recipient.StepAsync(); // claim, read the start, send the answer
        await initiator.StepAsync(); // read the answer, check it, send the confirmation

        // The recipient has not seen cA, so it has no session key: its cancel is sealed under the link's key only.
        await recipient.CancelAsync("Changed my mind");
        var result = await initiator.RunAsync();

        Assert.Equal(TransferStatus.Cancelled, result.Status);
        Assert.True(result.CancelledByPeer);
        Assert.Equal("Changed my mind", result.CancelReason);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task Resume_BothSidesReloadedFromJsonAfterEveryStep_CompletesCarKeyWithPin()
    {
        var client = Clients.Create();
        var initiatorJson = (await Shares.CarKeyAsync(fixture.BaseUri, client, pin: "777000")).GetState().ToJson();
        string? recipientJson = null;
        TransferResult? recipientResult = null;

        async Task<TransferStatus> Step(bool initiator)
        {
            using var session = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiator ? initiatorJson : recipientJson!));
            var status = await session.StepAsync();
            if (initiator)
            {
                initiatorJson = session.GetState().ToJson();
            }
            else
            {
                recipientJson = session.GetState().ToJson();
                if (status != TransferStatus.Active)
                {
                    recipientResult = await session.RunAsync();
                }
            }

            return status;
        }

        await Step(initiator: true); // create, with the PIN start
        using (var created = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson)))
        using (var url = created.GetLink()!)
        using (var recipient = TransferSession.Receive(client.AsTigress(), url, "777000"))
        {
            Assert.True(url.RequiresPin);
            recipientJson = recipient.GetState().ToJson();
        }

        Assert.DoesNotContain("777000", initiatorJson, StringComparison.Ordinal);
        Assert.DoesNotContain("777000", recipientJson, StringComparison.Ordinal);
        Assert.Equal(TransferStatus.Active, await Step(initiator: false)); // claim, read the start, answer
        Assert.Equal(TransferStatus.Active, await Step(initiator: true)); // check the answer, confirm with KeyCreationRequest
        Assert.Equal(TransferStatus.Active, await Step(initiator: false)); // check cA, read KeyCreationRequest, send KeySigningRequest
        Assert.Equal(TransferStatus.Active, await Step(initiator: true)); // read KeySigningRequest, send KeyImportRequest
        Assert.Equal(TransferStatus.Completed, await Step(initiator: false)); // read KeyImportRequest, acknowledge
        Assert.Equal(TransferStatus.Completed, await Step(initiator: true)); // read the acknowledgement, delete

        Assert.True(JsonDocument.Parse(recipientResult!.Content!).RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Null(JsonNode.Parse(initiatorJson)!["pin"]);
        Assert.Null(JsonNode.Parse(recipientJson!)!["pin"]);
    }

    [Fact]
    public async Task Restart_AfterTheAnswerWasStored_ChecksThatAnswerAndNeverASecondOne()
    {
        // The guesser's answer is stored, then the initiator's process dies before checking it.
        TransferState? stored = null;
        var crash = new TransferSessionOptions
        {
            StateChanged = (state, _) =>
            {
                if (JsonNode.Parse(state.ToJson())!["pin"]?["answer"] is not null)
                {
                    stored = state;
                    throw new IOException("the process died");
                }

                return ValueTask.CompletedTask;
            },
        };
        var client = Clients.Create();
        var initiatorJson = (await Shares.TextAsync(fixture.BaseUri, "one guess only", client, pin: "864200")).GetState().ToJson();
        using (var first = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson)))
        {
            await first.StepAsync();
            initiatorJson = first.GetState().ToJson();
        }

        using var created = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson));
        using var link = created.GetLink()!;
        var url = link.ShareUrl!;
        using var guesser = Shares.ReceiveWithPin(url, "864201");
        await guesser.StepAsync();
        using (var dying = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson), crash))
        {
            await Assert.ThrowsAsync<IOException>(() => dying.StepAsync());
        }

        // Meanwhile the same claim overwrites its answer with one made with the right PIN.
        await OverwriteAnswerAsync(client, url, Guid.Parse(JsonNode.Parse(guesser.GetState().ToJson())!["claim"]!.GetValue<string>()), "864200");
        using var restarted = TransferSession.Resume(client.AsTigress(), stored!);
        var exception = await Assert.ThrowsAsync<TransferException>(() => restarted.RunAsync());

        Assert.Equal(TransferError.WrongPin, exception.Error);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task StateAndEvents_NeverRevealThePin()
    {
        var events = new List<TransferEvent>();
        var options = new TransferSessionOptions { EventOccurred = events.Add };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "quiet", options: options, pin: "13572468");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.ReceiveWithPin(url, "13572468", options: options);

        await Shares.RunBothAsync(initiator, recipient);

        var everything = string.Join("\n", events.Select(e => $"{e} {e.Reason}").Concat([initiator.GetState().ToJson(), recipient.GetState().ToJson(), initiator.ToString(), recipient.ToString()]));
        Assert.DoesNotContain("13572468", everything, StringComparison.Ordinal);
    }

    private static async Task OverwriteAnswerAsync(MailboxClient client, ShareUrl url, Guid claim, string pin)
    {
        var read = await client.ReadAsync(url.MailboxUri, claim);
        var start = ProvisioningInformation.Parse(read.Payload!.Open(url.Key, PayloadDirection.InitiatorToRecipient, 0));
        Assert.True(PinStartMessage.TryParse(start, out var startMessage));
        using var honest = PinRecipient.Create(pin, url.Key.Export(), PinBinding.ForMailbox(url.MailboxId));
        var answer = honest.Answer(startMessage).ToProvisioningInformation().ToUtf8Json();
        await client.UpdateAsync(url.MailboxUri, claim, SecurePayload.Seal(url.Key, PayloadDirection.RecipientToInitiator, 0, answer));
    }

    private static async Task<TransferException?> Capture(Task<TransferResult> run)
    {
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(60));
            return null;
        }
        catch (TransferException exception)
        {
            return exception;
        }
    }

    /// <summary>Records the JSON bodies a client sends and receives.</summary>
    private static InterceptingHandler RecordBodies(List<string> bodies) => new(async (request, send, cancellationToken) =>
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/v1", StringComparison.Ordinal))
        {
            // The capability document the share reads first carries no message.
            return await send();
        }

        if (request.Content is not null)
        {
            var sent = await request.Content.ReadAsStringAsync(cancellationToken);
            lock (bodies)
            {
                bodies.Add(sent);
            }
        }

        var response = await send();
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var received = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (bodies)
            {
                bodies.Add(received);
            }
        }

        return response;
    });

    /// <summary>Every payload in the recorded bodies, opened with the link's key as any message number of either direction.</summary>
    private static IEnumerable<string> OpenAll(List<string> bodies, ShareKey key)
    {
        foreach (var body in bodies.ToList())
        {
            if (JsonNode.Parse(body) is not JsonObject json || json["payload"] is not JsonObject payload)
            {
                continue;
            }

            var sealedPayload = SecurePayload.Parse(payload["type"]!.GetValue<string>(), payload["data"]!.GetValue<string>());
            foreach (var direction in new[] { PayloadDirection.InitiatorToRecipient, PayloadDirection.RecipientToInitiator })
            {
                for (var sequence = 0; sequence < 4; sequence++)
                {
                    if (sealedPayload.TryOpen(key, direction, sequence, out var plaintext))
                    {
                        yield return Encoding.UTF8.GetString(plaintext);
                    }
                }
            }
        }
    }

    private static async Task AssertGoneAsync(Uri mailbox)
    {
        var exception = await Assert.ThrowsAsync<MailboxException>(() => Clients.Create().GetPreviewAsync(mailbox));
        Assert.Equal(MailboxError.NotFound, exception.Error);
    }

    [Fact]
    public async Task ClaimWithoutAnswer_IsReportedToTheSenderOnce_AfterTheClaimAnswerTimeout()
    {
        var events = new ConcurrentQueue<TransferEvent>();
        var options = new TransferSessionOptions
        {
            ClaimAnswerTimeout = TimeSpan.FromMilliseconds(300),
            LongPollWait = TimeSpan.FromSeconds(1),
            EventOccurred = events.Enqueue,
        };
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "held hostage", options: options, pin: "5551234");
        using var url = await Shares.CreateMailboxAsync(initiator);

        // A link holder claims and never answers the PIN step.
        using var squatter = Clients.Create();
        await squatter.ReadAsync(url.MailboxUri, Guid.NewGuid());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = initiator.RunAsync(stop.Token);
        while (!events.Any(e => e.Kind == TransferEventKind.ClaimUnanswered) && !running.IsCompleted && !stop.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        // A few more waits go by without a second report.
        var claimed = events.Count(e => e.Kind == TransferEventKind.Claimed);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await initiator.CancelAsync();
        var result = await running;

        Assert.Equal(TransferStatus.Cancelled, result.Status);
        var report = Assert.Single(events, e => e.Kind == TransferEventKind.ClaimUnanswered);
        Assert.Contains("did not answer the PIN step", report.Reason, StringComparison.Ordinal);
        Assert.Equal(1, claimed);
    }

    [Fact]
    public async Task ClaimedByAnotherDevice_RecipientIsToldToTellTheSender()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "taken", pin: "5551234");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var squatter = Clients.Create();
        await squatter.ReadAsync(url.MailboxUri, Guid.NewGuid());
        using var recipient = Shares.ReceiveWithPin(url, "5551234");

        var failure = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(TransferError.AlreadyClaimed, failure.Error);
        Assert.Contains("tell the sender", failure.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(TransferEventKind, int, string)> Messages(IEnumerable<TransferEvent> events) =>
        events.Where(e => e.Kind is TransferEventKind.MessageSent or TransferEventKind.MessageReceived).Select(e => (e.Kind, e.Sequence!.Value, e.Format!));
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Transfers;

public sealed class TransferSessionTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task CarKey_BothSides_ThreeMessagesAndVerifiedSignature()
    {
        var initiatorEvents = new List<TransferEvent>();
        var recipientEvents = new List<TransferEvent>();
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, options: new TransferSessionOptions { EventOccurred = initiatorEvents.Add });
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url, options: new TransferSessionOptions { EventOccurred = recipientEvents.Add });

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal(ShareVertical.CarKey, url.Vertical);
        Assert.Equal(
            [(TransferEventKind.MessageSent, 0, CarKeyVertical.FormatName), (TransferEventKind.MessageReceived, 0, CarKeyVertical.FormatName),
             (TransferEventKind.MessageSent, 1, CarKeyVertical.FormatName), (TransferEventKind.MessageReceived, 1, "tigress.control.complete")],
            Messages(initiatorEvents));
        Assert.Equal(
            [(TransferEventKind.MessageReceived, 0, CarKeyVertical.FormatName), (TransferEventKind.MessageSent, 0, CarKeyVertical.FormatName),
             (TransferEventKind.MessageReceived, 1, CarKeyVertical.FormatName), (TransferEventKind.MessageSent, 1, "tigress.control.complete")],
            Messages(recipientEvents));

        // Check the provisioned key independently of the vertical's own verification.
        using var key = JsonDocument.Parse(received.Content!);
        var root = key.RootElement;
        Assert.True(root.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal("WVWZZZ1JZXW000001", root.GetProperty("vehicleId").GetString());
        Assert.Equal(["unlock", "drive"], root.GetProperty("entitlements").EnumerateArray().Select(e => e.GetString()));
        using var owner = ECDsa.Create();
        owner.ImportSubjectPublicKeyInfo(root.GetProperty("ownerPublicKey").GetBytesFromBase64(), out _);
        var certificate = root.GetProperty("certificate").GetBytesFromBase64();
        var statement = Encoding.UTF8.GetBytes("tigress-carkey-demo/1 certificate\n").Concat(certificate).ToArray();
        Assert.True(owner.VerifyData(statement, root.GetProperty("signature").GetBytesFromBase64(), HashAlgorithmName.SHA256));
        using var device = ECDsa.Create();
        device.ImportPkcs8PrivateKey(root.GetProperty("devicePrivateKey").GetBytesFromBase64(), out _);
        Assert.Equal(root.GetProperty("devicePublicKey").GetBytesFromBase64(), device.ExportSubjectPublicKeyInfo());
        Assert.Equal(device.ExportSubjectPublicKeyInfo(), JsonDocument.Parse(certificate).RootElement.GetProperty("devicePublicKey").GetBytesFromBase64());
        await AssertGoneAsync(url.MailboxUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("notes.txt")]
    [InlineData("-rf \u202Egnp.exe")]
    public async Task GetOffer_SharedFile_TheOfferCarriesTheNameAsTheSenderWroteIt(string? name)
    {
        using var initiator = await TransferSession.ShareAsync(
            Clients.Create().AsTigress(),
            new ShareRequest
            {
                RelayUri = fixture.BaseUri,
                Format = AuthorizationTokenVertical.FormatName,
                Content = "file"u8.ToArray(),
                DisplayInformation = Samples.Display,
            },
            new TransferSessionOptions { Verticals = [name is null ? new AuthorizationTokenVertical() : new AuthorizationTokenVertical(name)] });
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url);

        var offer = await recipient.GetOfferAsync();

        Assert.Equal(name, offer!.FileName);
        await recipient.DeclineAsync();
    }

    [Fact]
    public async Task Receive_SecondTimeAfterCompletion_FindsShareGoneBeforeClaiming()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "once");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var first = Shares.Receive(url);
        await Shares.RunBothAsync(initiator, first);
        using var second = Shares.Receive(url);

        var result = await second.RunAsync();

        Assert.Equal(TransferStatus.Expired, result.Status);
        Assert.False(result.PeerSeen);
        Assert.Null(result.Content);
    }

    [Fact]
    public async Task OneDevice_TwoSharesAndTwoReceives_DrawsAFreshClaimForEach()
    {
        var handler = new InterceptingHandler();
        var device = Clients.Create(handler);
        for (var share = 0; share < 2; share++)
        {
            using var initiator = await Shares.TextAsync(fixture.BaseUri, "text " + share, client: device);
            using var url = await Shares.CreateMailboxAsync(initiator);
            using var recipient = Shares.Receive(url, client: device);
            var (sent, received) = await Shares.RunBothAsync(initiator, recipient);
            Assert.Equal(TransferStatus.Completed, sent.Status);
            Assert.Equal(TransferStatus.Completed, received.Status);
        }

        // A claim reused across shares would let the relay link them (the mailbox draft, section 4.1).
        var claims = handler.Requests.Where(r => r.Claim is not null).Select(r => r.Claim!).Distinct().ToArray();
        Assert.Equal(4, claims.Length);
        var mailboxesOfEachClaim = claims.Select(claim => handler.Requests
            .Where(r => r.Claim == claim && r.Uri.AbsolutePath.Split('/') is [.., "m", _] or [.., "m", _, "events"])
            .Select(r => r.Uri.AbsolutePath.Split('/')[r.Uri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal) ? ^2 : ^1])
            .Distinct()
            .Count());
        Assert.All(mailboxesOfEachClaim, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Receive_WhileAnotherDeviceHoldsTheClaim_ThrowsAlreadyClaimed()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var first = Shares.Receive(url);
        await first.StepAsync();
        using var second = Shares.Receive(url);

        var exception = await Assert.ThrowsAsync<TransferException>(() => second.RunAsync());

        Assert.Equal(TransferError.AlreadyClaimed, exception.Error);
        Assert.Equal(TransferStatus.Failed, second.Status);
    }

    [Fact]
    public async Task Resume_BothSidesReloadedFromJsonAfterEveryStep_CompletesCarKey()
    {
        var client = Clients.Create();
        var initiatorJson = (await Shares.CarKeyAsync(fixture.BaseUri, client)).GetState().ToJson();
        string? recipientJson = null;
        TransferResult? recipientResult = null;

        // Each side runs one step in a "process" that is then thrown away; the next step starts from the JSON.
        async Task<TransferStatus> StepInitiator()
        {
            using var session = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson));
            var status = await session.StepAsync();
            initiatorJson = session.GetState().ToJson();
            return status;
        }

        async Task<TransferStatus> StepRecipient()
        {
            using var session = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(recipientJson!));
            var status = await session.StepAsync();
            recipientJson = session.GetState().ToJson();
            if (status != TransferStatus.Active)
            {
                recipientResult = await session.RunAsync();
            }

            return status;
        }

        await StepInitiator(); // create, with KeyCreationRequest
        using (var created = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson)))
        using (var url = created.GetLink()!)
        using (var recipient = TransferSession.Receive(client.AsTigress(), url))
        {
            recipientJson = recipient.GetState().ToJson();
        }

        Assert.Equal(TransferStatus.Active, await StepRecipient()); // claim, read KeyCreationRequest, send KeySigningRequest
        Assert.Equal(TransferStatus.Active, await StepInitiator()); // read KeySigningRequest, send KeyImportRequest
        Assert.Equal(TransferStatus.Completed, await StepRecipient()); // read KeyImportRequest, verify, acknowledge
        Assert.Equal(TransferStatus.Completed, await StepInitiator()); // read acknowledgement, delete

        Assert.True(JsonDocument.Parse(recipientResult!.Content!).RootElement.GetProperty("signatureVerified").GetBoolean());
    }

    [Fact]
    public async Task Resume_AfterCrashWithWriteRecordedAndResponseLost_SendsSameRequestAndCompletes()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri);
        using var url = await Shares.CreateMailboxAsync(initiator);
        var puts = 0;

        // The first PUT reaches the relay but its answer is lost; after that the network is down: the process gives up.
        var broken = new InterceptingHandler(async (request, send, _) =>
        {
            if (request.Method != HttpMethod.Put)
            {
                return await send();
            }

            if (Interlocked.Increment(ref puts) == 1)
            {
                (await send()).Dispose();
            }

            throw new HttpRequestException("network down");
        });
        TransferState? saved = null;
        using (var crashing = Shares.Receive(url, Clients.Create(broken), new TransferSessionOptions { StateChanged = (state, _) => { saved = state; return ValueTask.CompletedTask; } }))
        {
            var failure = await Assert.ThrowsAsync<TransferException>(() => crashing.StepAsync());
            Assert.Equal(TransferError.RelayUnreachable, failure.Error);
        }

        var recorder = new InterceptingHandler();
        using var resumed = TransferSession.Resume(Clients.Create(recorder).AsTigress(), TransferState.FromJson(saved!.ToJson()));
        var (sent, received) = await Shares.RunBothAsync(initiator, resumed);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        var firstPut = recorder.Requests.First(r => r.Method == HttpMethod.Put);
        Assert.Equal(broken.Requests.First(r => r.Method == HttpMethod.Put).RequestId, firstPut.RequestId);
        Assert.Equal(201, firstPut.Status);
    }

    [Fact]
    public async Task LostResponse_InsideSession_IsRecoveredAndTransferCompletes()
    {
        var dropped = 0;
        var lossy = new InterceptingHandler(async (request, send, _) =>
        {
            var response = await send();
            if (request.Method == HttpMethod.Put && Interlocked.Increment(ref dropped) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("connection reset");
            }

            return response;
        });
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url, Clients.Create(lossy));

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Contains(lossy.Requests, r => r.Method == HttpMethod.Put && r.Status == 201);
    }

    [Fact]
    public async Task Expiry_NobodyClaims_InitiatorEndsExpired()
    {
        using var initiator = await TransferSession.ShareAsync(
            Clients.Create().AsTigress(),
            new ShareRequest
            {
                RelayUri = fixture.BaseUri,
                Format = "digitalwallet.generic.authorizationToken",
                Content = "short-lived"u8.ToArray(),
                DisplayInformation = Samples.Display,
                Expiration = DateTimeOffset.UtcNow.AddSeconds(2),
            },
            new TransferSessionOptions { LongPollWait = TimeSpan.FromSeconds(1) });
        using var url = await Shares.CreateMailboxAsync(initiator);

        var result = await initiator.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using var late = Shares.Receive(url);
        var lateResult = await late.RunAsync();

        Assert.Equal(TransferStatus.Expired, result.Status);
        Assert.False(result.PeerSeen);
        Assert.Equal(TransferStatus.Expired, lateResult.Status);
    }

    [Fact]
    public async Task Cancel_ByInitiatorBeforeClaim_RecipientFindsShareGone()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "never mind");
        using var url = await Shares.CreateMailboxAsync(initiator);

        await initiator.CancelAsync("Sent to the wrong person");
        using var recipient = Shares.Receive(url);
        var result = await recipient.RunAsync();

        Assert.Equal(TransferStatus.Cancelled, initiator.Status);
        Assert.Equal(TransferStatus.Expired, result.Status);
        Assert.False(result.PeerSeen);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task Cancel_ByInitiatorMidExchange_RecipientLearnsWhy()
    {
        // The initiator's delete is held back a moment, so the recipient's waiting read surely sees the cancel first.
        var slowDelete = new InterceptingHandler(async (request, send, cancellationToken) =>
        {
            if (request.Method == HttpMethod.Delete)
            {
                await Task.Delay(1000, cancellationToken);
            }

            return await send();
        });
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, Clients.Create(slowDelete));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url);
        await recipient.StepAsync(); // the KeySigningRequest is out; the recipient now waits for the KeyImportRequest
        var receiving = recipient.RunAsync();
        await Task.Delay(200);

        await initiator.CancelAsync("The car is in the garage this week");
        var result = await receiving;

        Assert.Equal(TransferStatus.Cancelled, result.Status);
        Assert.True(result.CancelledByPeer);
        Assert.Equal("The car is in the garage this week", result.CancelReason);
        Assert.Null(result.Content);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task Cancel_ByRecipientMidExchange_InitiatorLearnsWhyAndDeletes()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri);
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url);
        await recipient.StepAsync();

        await recipient.CancelAsync("I do not need the car after all");
        var result = await initiator.RunAsync();

        Assert.Equal(TransferStatus.Cancelled, recipient.Status);
        Assert.Equal(TransferStatus.Cancelled, result.Status);
        Assert.True(result.CancelledByPeer);
        Assert.Equal("I do not need the car after all", result.CancelReason);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task Cancel_WhileRunAsyncWaits_InterruptsItWithCancelledResult()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "waiting");
        using var url = await Shares.CreateMailboxAsync(initiator);
        var running = initiator.RunAsync();
        await Task.Delay(300);

        await initiator.CancelAsync("Stopped by the user");
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TransferStatus.Cancelled, result.Status);
        Assert.False(result.CancelledByPeer);
        await AssertGoneAsync(url.MailboxUri);
    }

    [Fact]
    public async Task TamperedPayload_RecipientFailsDecryption_AndLetsTheRightfulRecipientClaim()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "intact");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var victim = Shares.Receive(url, Clients.Create(PayloadRewriter.ForReads(PayloadRewriter.FlipPayloadBit)));

        var exception = await Assert.ThrowsAsync<TransferException>(() => victim.RunAsync());
        using var honest = Shares.Receive(url);
        var (_, received) = await Shares.RunBothAsync(initiator, honest);

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.Equal("intact", Encoding.UTF8.GetString(received.Content!));
    }

    [Fact]
    public async Task WrongKey_RecipientFailsDecryption_AndTheCorrectLinkStillWorks()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "right key only");
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var otherKey = ShareKey.Generate();
        using var damaged = ShareUrl.Create(url.MailboxUri, otherKey);
        using var wrong = Shares.Receive(damaged);

        var exception = await Assert.ThrowsAsync<TransferException>(() => wrong.RunAsync());
        using var right = Shares.Receive(url);
        var (_, received) = await Shares.RunBothAsync(initiator, right);

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.Contains("link", exception.Message, StringComparison.Ordinal);
        Assert.Equal("right key only", Encoding.UTF8.GetString(received.Content!));
    }

    [Fact]
    public async Task TamperedMidExchange_InitiatorFailsDecryption_RecipientIsTold()
    {
        using var initiator = await Shares.CarKeyAsync(fixture.BaseUri, Clients.Create(PayloadRewriter.ForReads(PayloadRewriter.FlipPayloadBit)));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url);
        await recipient.StepAsync();
        var receiving = recipient.RunAsync();

        var exception = await Assert.ThrowsAsync<TransferException>(() => initiator.RunAsync());
        var result = await receiving;

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
        Assert.Contains(result.Status, new[] { TransferStatus.Cancelled, TransferStatus.Expired });
        Assert.Null(result.Content);
    }

    [Fact]
    public async Task ReflectedMessage_InitiatorGivenItsOwnMessageBack_FailsDecryption()
    {
        string? ownPayload = null;
        var reflecting = new InterceptingHandler(async (request, send, cancellationToken) =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v1/m", StringComparison.Ordinal))
            {
                var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
                ownPayload = body["payload"]!.ToJsonString();
                return await send();
            }

            var response = await send();
            if (request.Method == HttpMethod.Post && response.StatusCode == HttpStatusCode.OK)
            {
                var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
                answer["payload"] = JsonNode.Parse(ownPayload!);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString()) };
            }

            return response;
        });
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "mine", Clients.Create(reflecting));
        using var url = await Shares.CreateMailboxAsync(initiator);
        using var recipient = Shares.Receive(url);
        var receiving = recipient.RunAsync();

        var exception = await Assert.ThrowsAsync<TransferException>(() => initiator.RunAsync());
        await receiving;

        Assert.Equal(TransferError.DecryptionFailed, exception.Error);
    }

    [Fact]
    public async Task PreviewChangedByRelay_RecipientReportsMismatch_AndInitiatorLearns()
    {
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "honest preview");
        using var url = await Shares.CreateMailboxAsync(initiator);
        var lying = PayloadRewriter.ForReads(body => body["displayInformation"]!["title"] = "Free money");
        using var recipient = Shares.Receive(url, Clients.Create(lying));

        var exception = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync());
        var result = await initiator.RunAsync();

        Assert.Equal(TransferError.PreviewMismatch, exception.Error);
        Assert.Equal(TransferStatus.Cancelled, result.Status);
        Assert.True(result.CancelledByPeer);
        Assert.Contains("preview", result.CancelReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RelayDataFolder_AfterTransfers_HoldsNeitherPlaintextNorSecret()
    {
        const string plaintext = "PLAINTEXT-MARKER-7f3c2a";
        using var initiator = await Shares.TextAsync(fixture.BaseUri, plaintext);
        using var url = await Shares.CreateMailboxAsync(initiator);
        var secret = url.Key.Export();
        using var recipient = Shares.Receive(url);
        var runs = Shares.RunBothAsync(initiator, recipient);

        // Look while the mailbox is live as well as after it is gone.
        await Task.Delay(100);
        var during = ReadAll(fixture.Relay.DataDirectory);
        await runs;
        var after = ReadAll(fixture.Relay.DataDirectory);

        foreach (var bytes in new[] { during, after })
        {
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(plaintext)), "plaintext found");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext)))), "base64 plaintext found");
            Assert.False(Contains(bytes, secret), "raw secret found");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(System.Buffers.Text.Base64Url.EncodeToString(secret))), "base64url secret found");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(Convert.ToBase64String(secret))), "base64 secret found");
        }
    }

    [Fact]
    public async Task State_ToStringAndEvents_NeverRevealSecrets()
    {
        var events = new List<TransferEvent>();
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "secret text", options: new TransferSessionOptions { EventOccurred = events.Add });
        using var url = await Shares.CreateMailboxAsync(initiator);
        var state = initiator.GetState();
        var secret = System.Buffers.Text.Base64Url.EncodeToString(url.Key.Export());

        Assert.Contains(secret, state.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, state.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, initiator.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, url.ToString(), StringComparison.Ordinal);
        Assert.All(events, e => Assert.DoesNotContain("secret text", e.ToString(), StringComparison.Ordinal));
        await initiator.CancelAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("{\"version\":99,\"claim\":\"3f0c8e9a-5b1d-4c2e-9f6a-7d8e9fa0b1c2\",\"key\":\"AAAA\",\"relayUri\":\"https://r.example/\"}")]
    public void FromJson_NotAState_ThrowsArgumentException(string json)
    {
        var exception = Assert.Throws<ArgumentException>(() => TransferState.FromJson(json));

        Assert.Equal("json", exception.ParamName);
    }

    private static async Task AssertGoneAsync(Uri mailbox)
    {
        var exception = await Assert.ThrowsAsync<MailboxException>(() => Clients.Create().GetPreviewAsync(mailbox));
        Assert.Equal(MailboxError.NotFound, exception.Error);
    }

    private static IEnumerable<(TransferEventKind, int, string)> Messages(IEnumerable<TransferEvent> events) =>
        events.Where(e => e.Kind is TransferEventKind.MessageSent or TransferEventKind.MessageReceived).Select(e => (e.Kind, e.Sequence!.Value, e.Format!));

    private static byte[] ReadAll(string folder)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

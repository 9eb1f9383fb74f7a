using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Dropbox;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>Whole transfers over the dropbox binding, against a stock nginx, the relay, and the relay with its lock.</summary>
public sealed class DropboxTransferTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    public static TheoryData<string> Servers => DropboxServers.Names;

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task CarKey_BothSides_FourMessagesAndVerifiedSignature(string server)
    {
        var initiatorEvents = new List<TransferEvent>();
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(server), options: new TransferSessionOptions { EventOccurred = initiatorEvents.Add });
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator));

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        Assert.Equal(
            [(TransferEventKind.MessageSent, 0, CarKeyVertical.FormatName), (TransferEventKind.MessageReceived, 0, CarKeyVertical.FormatName),
             (TransferEventKind.MessageSent, 1, CarKeyVertical.FormatName), (TransferEventKind.MessageReceived, 1, "tigress.control.complete")],
            initiatorEvents.Where(e => e.Sequence is not null).Select(e => (e.Kind, e.Sequence!.Value, e.Format!)));
        Assert.Equal(4, Dropboxes.Transcript(initiator.GetState()).Count);
        Assert.Equal(CarKeyVertical.FormatName, received.Format);

        // Check the provisioned key independently of the vertical's own verification.
        using var key = JsonDocument.Parse(received.Content!);
        var root = key.RootElement;
        Assert.True(root.GetProperty("signatureVerified").GetBoolean());
        using var owner = ECDsa.Create();
        owner.ImportSubjectPublicKeyInfo(root.GetProperty("ownerPublicKey").GetBytesFromBase64(), out _);
        var statement = Encoding.UTF8.GetBytes("tigress-carkey-demo/1 certificate\n").Concat(root.GetProperty("certificate").GetBytesFromBase64()).ToArray();
        Assert.True(owner.VerifyData(statement, root.GetProperty("signature").GetBytesFromBase64(), HashAlgorithmName.SHA256));
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Theory]
    [InlineData("1302")]
    [InlineData("1303")]
    public async Task OtherSuites_BothSides_Complete(string suiteId)
    {
        var suite = TigressSuite.FromId((TigressSuiteId)Convert.ToUInt16(suiteId, 16));
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Nginx), "suite " + suiteId, suite: suite);
        var link = await Dropboxes.InviteAsync(initiator);
        using var recipient = Dropboxes.Receive(link);

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Contains("&s=" + suiteId + "&", link, StringComparison.Ordinal);
        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal("suite " + suiteId, Encoding.UTF8.GetString(received.Content!));
        await servers.AssertNothingLeftAsync(DropboxServers.Nginx, Dropboxes.Locations(initiator.GetState()));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Resume_BothSidesReloadedFromJsonAfterEveryStep_CompletesCarKey(string server)
    {
        var client = Dropboxes.Client();
        string initiatorJson;
        using (var created = await Dropboxes.CarKeyAsync(servers.BaseUri(server), client))
        {
            initiatorJson = created.GetState().ToJson();
        }

        string? recipientJson = null;
        TransferResult? recipientResult = null;

        // Each side runs one step in a "process" that is then thrown away, with a fresh client (and so, no cookies
        // in memory); the next step starts from the JSON.
        async Task<TransferStatus> Step(Func<string> read, Action<string> write)
        {
            using var session = TransferSession.Resume(Dropboxes.Client().AsTigress(), TransferState.FromJson(read()));
            var status = await session.StepAsync();
            write(session.GetState().ToJson());
            if (status != TransferStatus.Active && session.Role == TransferRole.Recipient)
            {
                recipientResult = await session.RunAsync();
            }

            return status;
        }

        Task<TransferStatus> StepInitiator() => Step(() => initiatorJson, json => initiatorJson = json);
        Task<TransferStatus> StepRecipient() => Step(() => recipientJson!, json => recipientJson = json);

        await StepInitiator(); // put message 0, KeyCreationRequest
        using (var initiator = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson)))
        using (var invitation = initiator.GetLink()!)
        using (var recipient = TransferSession.Receive(client.AsTigress(), invitation))
        {
            recipientJson = recipient.GetState().ToJson();
        }

        Assert.Equal(TransferStatus.Active, await StepRecipient()); // take 0, put 1 (KeySigningRequest)
        Assert.Equal(TransferStatus.Active, await StepInitiator()); // take 1, put 2 (KeyImportRequest)
        Assert.Equal(TransferStatus.Completed, await StepRecipient()); // take 2, verify, put 3 (acknowledgement)
        Assert.Equal(TransferStatus.Completed, await StepInitiator()); // take 3

        Assert.True(JsonDocument.Parse(recipientResult!.Content!).RootElement.GetProperty("signatureVerified").GetBoolean());
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(TransferState.FromJson(initiatorJson)));

        // Under the lock, each restarted step was admitted only because the state carried its cookies.
        Assert.Equal(server == DropboxServers.LockedRelay, initiatorJson.Contains("tigress-lock", StringComparison.Ordinal));
        Assert.Equal(server == DropboxServers.LockedRelay, recipientJson!.Contains("tigress-lock", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task InitiatorCancels_BeforeTheRecipientCame_WithdrawsTheShare(string server)
    {
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(server), "never mind");
        var link = await Dropboxes.InviteAsync(initiator);

        await initiator.CancelAsync("Sent to the wrong chat");
        using var recipient = Dropboxes.Receive(link);
        var received = await recipient.RunAsync();

        Assert.Equal(TransferStatus.Cancelled, initiator.Status);
        Assert.Equal(TransferStatus.Expired, received.Status);
        Assert.False(received.PeerSeen);
        Assert.Null(received.Content);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task RecipientCancels_WhileTheSenderHasTheTurn_SenderLearnsWhy(string server)
    {
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(server));
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator));
        await recipient.StepAsync(); // take 0, put 1

        await recipient.CancelAsync("Wrong car, sorry"); // the sender's turn: the cancel goes where message 2 belongs
        var sent = await initiator.RunAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(TransferStatus.Cancelled, recipient.Status);
        Assert.Equal(TransferStatus.Cancelled, sent.Status);
        Assert.True(sent.CancelledByPeer);
        Assert.Equal("Wrong car, sorry", sent.CancelReason);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task InitiatorCancels_AfterTheRecipientAnswered_TakesTheAnswerAndCancelsInTurn(string server)
    {
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(server));
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator));
        await recipient.StepAsync(); // take 0, put 1

        await initiator.CancelAsync("Changed my mind");
        var received = await recipient.RunAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(TransferStatus.Cancelled, initiator.Status);
        Assert.Equal(TransferStatus.Cancelled, received.Status);
        Assert.True(received.CancelledByPeer);
        Assert.Equal("Changed my mind", received.CancelReason);
        Assert.Null(received.Content);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(recipient.GetState()));
    }

    [Fact]
    public async Task LockedRelay_ThirdPartyWithR_IsRefusedAtEveryLocationBothDevicesTouched()
    {
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(DropboxServers.LockedRelay));
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator));
        await recipient.StepAsync(); // take 0 (both devices now hold the two places at location 0), put 1
        using var thirdParty = new HttpClient();
        var first = Dropboxes.Locations(recipient.GetState())[0];
        using (var read = await thirdParty.GetAsync(first))
        using (var delete = await thirdParty.DeleteAsync(first))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, read.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, delete.StatusCode);
        }

        var (sent, received) = await Shares.RunBothAsync(initiator, recipient);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        var used = Dropboxes.Locations(initiator.GetState()).SkipLast(1).ToList();
        Assert.Equal(4, used.Count);
        foreach (var location in used)
        {
            using var read = await thirdParty.GetAsync(location);
            using var write = await thirdParty.PutAsync(location, new ByteArrayContent([1, 2, 3]));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, read.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, write.StatusCode);
        }
    }

    [Fact]
    public async Task LockedRelay_ThirdPartyOpensFirst_RealRecipientIsTold()
    {
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.LockedRelay), "for one device");
        var link = await Dropboxes.InviteAsync(initiator);
        using var first = Dropboxes.Receive(link);
        await first.StepAsync();
        using var second = Dropboxes.Receive(link);

        var exception = await Assert.ThrowsAsync<TransferException>(() => second.RunAsync());

        Assert.Equal(TransferError.AlreadyClaimed, exception.Error);
        Assert.Equal(TransferStatus.Completed, first.Status);
    }

    public static TheoryData<string, bool> ServersAndOrder => new()
    {
        { DropboxServers.Nginx, false }, { DropboxServers.Nginx, true },
        { DropboxServers.Relay, false }, { DropboxServers.Relay, true },
        { DropboxServers.LockedRelay, false }, { DropboxServers.LockedRelay, true },
    };

    [Theory]
    [MemberData(nameof(ServersAndOrder))]
    public async Task Resume_AfterAWriteWhoseAnswerWasLost_DoesNotWriteAgain(string server, bool senderReadsFirst)
    {
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(server));
        var link = await Dropboxes.InviteAsync(initiator);
        var puts = 0;

        // The recipient's first PUT reaches the server but its answer is lost; after that the network is down.
        var broken = Dropboxes.Recorder(async (request, send, _) =>
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
        var options = new TransferSessionOptions { StateChanged = (state, _) => { saved = state; return ValueTask.CompletedTask; } };
        using (var crashing = Dropboxes.Receive(link, Dropboxes.Client(broken), options))
        {
            var failure = await Assert.ThrowsAsync<TransferException>(() => crashing.StepAsync());
            Assert.Equal(TransferError.RelayUnreachable, failure.Error);
            Assert.Equal(TransferStatus.Active, crashing.Status);
        }

        // Either the resumed recipient finds its own message still there, or the sender has already read it and
        // answered (message 2), which shows it got through.
        if (senderReadsFirst)
        {
            await initiator.StepAsync();
        }

        var recorder = Dropboxes.Recorder();
        using var resumed = TransferSession.Resume(Dropboxes.Client(recorder).AsTigress(), TransferState.FromJson(saved!.ToJson()));
        await resumed.StepAsync();
        var (sent, received) = await Shares.RunBothAsync(initiator, resumed);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal(TransferStatus.Completed, received.Status);
        var answerLocation = Dropboxes.Locations(resumed.GetState())[1];
        Assert.Contains(broken.Requests, r => r.Method == HttpMethod.Put && r.Uri == answerLocation && r.Status == 201);
        Assert.DoesNotContain(recorder.Requests, r => r.Method == HttpMethod.Put && r.Uri == answerLocation);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Resume_AfterTakingAMessageButFailingToDeleteIt_HandlesItOnceAndDeletesIt(string server)
    {
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(server), "taken once");
        var link = await Dropboxes.InviteAsync(initiator);
        var noDeletes = Dropboxes.Recorder(async (request, send, _) =>
            request.Method == HttpMethod.Delete ? throw new HttpRequestException("network down") : await send());
        TransferState? saved = null;
        var options = new TransferSessionOptions { StateChanged = (state, _) => { saved = state; return ValueTask.CompletedTask; } };
        using (var crashing = Dropboxes.Receive(link, Dropboxes.Client(noDeletes), options))
        {
            var failure = await Assert.ThrowsAsync<TransferException>(() => crashing.StepAsync());
            Assert.Equal(TransferError.RelayUnreachable, failure.Error);
        }

        // The message was recorded before the delete was tried: the resumed side does not need the server's copy.
        Assert.Single(Dropboxes.Transcript(saved!));
        var recorder = Dropboxes.Recorder();
        using var resumed = TransferSession.Resume(Dropboxes.Client(recorder).AsTigress(), TransferState.FromJson(saved!.ToJson()));
        var (sent, received) = await Shares.RunBothAsync(initiator, resumed);

        Assert.Equal(TransferStatus.Completed, sent.Status);
        Assert.Equal("taken once", Encoding.UTF8.GetString(received.Content!));
        var first = Dropboxes.Locations(resumed.GetState())[0];
        Assert.DoesNotContain(recorder.Requests, r => r.Method == HttpMethod.Get && r.Uri == first);
        Assert.Contains(recorder.Requests, r => r.Method == HttpMethod.Delete && r.Uri == first);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Fact]
    public async Task RecipientWithoutTheVertical_TellsTheSenderWhy()
    {
        using var initiator = await Dropboxes.CarKeyAsync(servers.BaseUri(DropboxServers.Nginx));
        var options = new TransferSessionOptions { Verticals = [CredentialVerticals.AuthorizationToken] };
        using var recipient = Dropboxes.Receive(await Dropboxes.InviteAsync(initiator), options: options);

        var exception = await Assert.ThrowsAsync<TransferException>(() => recipient.RunAsync());
        var sent = await initiator.RunAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(TransferError.UnsupportedFormat, exception.Error);
        Assert.Equal(TransferStatus.Cancelled, sent.Status);
        Assert.True(sent.CancelledByPeer);
        Assert.Contains("cannot receive credentials of the format", sent.CancelReason, StringComparison.Ordinal);
        await servers.AssertNothingLeftAsync(DropboxServers.Nginx, Dropboxes.Locations(initiator.GetState()));
    }

    [Fact]
    public void Receive_PlainHttpToAnotherHost_IsRefused()
    {
        using var invitation = DropboxInvitation.Create(new Uri("http://dropbox.example/d/"));

        var exception = Assert.Throws<ArgumentException>(() => TransferSession.Receive(Dropboxes.Client().AsTigress(), invitation.ToLink()));

        Assert.Equal("link", exception.ParamName);
    }

    [Fact]
    public async Task State_NeverShowsSecretsInToString()
    {
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Relay), "secret text");
        var link = await Dropboxes.InviteAsync(initiator);
        var state = initiator.GetState();
        var secret = link[(link.IndexOf("&r=", StringComparison.Ordinal) + 3)..];

        Assert.Equal(TransferBinding.Dropbox, state.Binding);
        Assert.Contains(secret, state.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, state.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, initiator.ToString(), StringComparison.Ordinal);
        await initiator.CancelAsync();
    }
}

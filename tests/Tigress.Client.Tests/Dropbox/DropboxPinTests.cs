using System.Text;
using System.Text.Json;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Pake.Messages;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Tests.Dropbox;

/// <summary>PIN-protected shares over the dropbox binding, against a stock nginx, the relay, and the relay with its lock.</summary>
public sealed class DropboxPinTests(DropboxServers servers) : IClassFixture<DropboxServers>
{
    public static TheoryData<string> Servers => DropboxServers.Names;

    [Fact]
    public async Task RightPin_Transcript_ExchangeFirstThenOnlyTheSessionLayer()
    {
        const string credential = "CREDENTIAL-d7e210";
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.Relay), credential, pin: "135024");
        using var recipient = Dropboxes.ReceiveWithPin(await Dropboxes.InviteAsync(initiator), "135024");

        await Shares.RunBothAsync(initiator, recipient);

        // What anyone with the invitation (R) reads in the dropbox: the exchange, then ciphertext of the session layer.
        var messages = Dropboxes.Transcript(initiator.GetState()).Select(m => TigressPlaintext.Parse(m).Message.ToArray()).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Equal(PinFormats.Start, ProvisioningInformation.Parse(messages[0]).Format);
        Assert.Equal(PinFormats.Answer, ProvisioningInformation.Parse(messages[1]).Format);
        Assert.Equal(PinFormats.Confirm, ProvisioningInformation.Parse(messages[2]).Format);
        Assert.False(ProvisioningInformation.TryParse(messages[3], out _));
        Assert.All(messages, m => Assert.DoesNotContain(credential, Encoding.UTF8.GetString(m), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task WrongPin_BothSidesFailWrongPin_TheRightPinFindsNothing(string server)
    {
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(server), "not for guessers", pin: "864213");
        var link = await Dropboxes.InviteAsync(initiator);
        using var guesser = Dropboxes.ReceiveWithPin(link, "864214");

        var guessing = Capture(guesser.RunAsync());
        var sharing = Capture(initiator.RunAsync());

        Assert.Equal(TransferError.WrongPin, (await sharing)?.Error);
        Assert.Equal(TransferError.WrongPin, (await guessing)?.Error);
        using var rightful = Dropboxes.ReceiveWithPin(link, "864213");
        await AssertShareEndedAsync(rightful);
        await servers.AssertNothingLeftAsync(server, Dropboxes.Locations(initiator.GetState()));
    }

    [Fact]
    public async Task AttackerTakesMessageZeroWithAGuess_CredentialNeverRevealed_RealRecipientFindsItGone()
    {
        const string credential = "CREDENTIAL-4b0c9e";
        using var initiator = await Dropboxes.TextAsync(servers.BaseUri(DropboxServers.LockedRelay), credential, pin: "777333");
        var link = await Dropboxes.InviteAsync(initiator);
        using var attacker = Dropboxes.ReceiveWithPin(link, "777334");

        var attacking = Capture(attacker.RunAsync());
        Assert.Equal(TransferError.WrongPin, (await Capture(initiator.RunAsync()))?.Error);
        Assert.Equal(TransferError.WrongPin, (await attacking)?.Error);
        using var real = Dropboxes.ReceiveWithPin(link, "777333");

        await AssertShareEndedAsync(real);
        foreach (var message in Dropboxes.Transcript(attacker.GetState()))
        {
            Assert.DoesNotContain(credential, Encoding.UTF8.GetString(message), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CarKey_ResumedFromJsonAfterEveryStep_CompletesWithPin()
    {
        var client = Dropboxes.Client();
        var initiatorJson = (await Dropboxes.CarKeyAsync(servers.BaseUri(DropboxServers.Relay), client, pin: "90210909")).GetState().ToJson();
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

        await Step(initiator: true); // store message 0, the PIN start
        using (var created = TransferSession.Resume(client.AsTigress(), TransferState.FromJson(initiatorJson)))
        using (var invitation = created.GetLink()!)
        using (var recipient = TransferSession.Receive(client.AsTigress(), invitation, "9021 0909"))
        {
            Assert.True(invitation.RequiresPin);
            recipientJson = recipient.GetState().ToJson();
        }

        // Each side takes a step only once the other has written what it waits for.
        while (true)
        {
            var recipientStatus = await Step(initiator: false);
            var initiatorStatus = await Step(initiator: true);
            if (recipientStatus != TransferStatus.Active && initiatorStatus != TransferStatus.Active)
            {
                break;
            }
        }

        Assert.True(JsonDocument.Parse(recipientResult!.Content!).RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.DoesNotContain("90210909", initiatorJson, StringComparison.Ordinal);
        Assert.DoesNotContain("90210909", recipientJson!, StringComparison.Ordinal);
    }

    /// <summary>A recipient that comes after a wrong guess finds message 0 gone, or (behind the relay's lock, which has
    /// admitted the initiator and the guesser) is told another device took the share; it never gets the credential.</summary>
    private static async Task AssertShareEndedAsync(TransferSession late)
    {
        try
        {
            var result = await late.RunAsync();
            Assert.Equal(TransferStatus.Expired, result.Status);
            Assert.False(result.PeerSeen);
            Assert.Null(result.Content);
        }
        catch (TransferException exception)
        {
            Assert.Equal(TransferError.AlreadyClaimed, exception.Error);
        }
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
}

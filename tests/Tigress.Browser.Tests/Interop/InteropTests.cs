using System.Text;
using Tigress.Browser.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Provisioning;
using static Tigress.Browser.Tests.TestServices.CSharpSide;
using Tigress.Testing;

namespace Tigress.Browser.Tests.Interop;

/// <summary>
/// The JavaScript client (web/src, in node) and the C# <see cref="TransferSession"/> on one real relay, both
/// directions, with and without a PIN, and a wrong PIN on each side.
/// </summary>
public sealed class InteropTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly DisplayInformation s_display = new("Garage <b>key</b>", "Opens the \"garage\" & more", new Uri("https://example.com/key.png"));

    [Fact]
    public async Task CSharpShares_JavaScriptReceives_ContentAndCompletion()
    {
        using var initiator = await ShareAsync("door code 2468 \u00e9\u4e2d");
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);

        var received = await JsClient.ReceiveAsync(link);

        Assert.True(received.GetProperty("ok").GetBoolean(), received.ToString());
        Assert.Equal("door code 2468 \u00e9\u4e2d", Encoding.UTF8.GetString(Convert.FromBase64String(received.GetProperty("token").GetString()!)));
        Assert.Equal(s_display.Title, received.GetProperty("title").GetString());
        var sent = await sending;
        Assert.Equal(TransferStatus.Completed, sent.Status);
    }

    [Fact]
    public async Task CSharpSharesWithPin_JavaScriptReceivesWithPin()
    {
        var pin = Pin.Generate();
        using var initiator = await ShareAsync("pin protected \ud83d\udd11", pin);
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);

        var received = await JsClient.ReceiveAsync(link, $"{pin[..3]} {pin[3..]}");

        Assert.True(received.GetProperty("ok").GetBoolean(), received.ToString());
        Assert.Equal("pin protected \ud83d\udd11", Encoding.UTF8.GetString(Convert.FromBase64String(received.GetProperty("token").GetString()!)));
        Assert.Equal(TransferStatus.Completed, (await sending).Status);
    }

    [Fact]
    public async Task CSharpSharesWithPin_JavaScriptTypesAWrongPin_BothSidesSaySo_ShareEnded()
    {
        using var initiator = await ShareAsync("never revealed", "482913");
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);

        var received = await JsClient.ReceiveAsync(link, "482914");

        Assert.False(received.GetProperty("ok").GetBoolean());
        Assert.Equal("wrong-pin", received.GetProperty("code").GetString());
        var failure = await Assert.ThrowsAsync<TransferException>(() => sending);
        Assert.Equal(TransferError.WrongPin, failure.Error);
        var again = await JsClient.ReceiveAsync(link, "482913");
        Assert.Equal("gone", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task JavaScriptShares_CSharpReceives_JavaScriptSeesReceivedAndDeletes()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "typed in a browser \u00fc");
        Assert.Null(share.Pin);
        var url = ShareUrl.Parse(share.Link);
        Assert.False(url.RequiresPin);

        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(url.GetLink()));
        var result = await RunAsync(recipient);

        Assert.Equal(TransferStatus.Completed, result.Status);
        Assert.Equal("typed in a browser \u00fc", Encoding.UTF8.GetString(result.Content!));
        var outcome = await share.OutcomeAsync();
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["opened", "received"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Distinct());
        await AssertGoneAsync(url);
    }

    [Fact]
    public async Task JavaScriptSharesWithPin_CSharpReceivesWithPin()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "pin from the browser", pin: true);
        var url = ShareUrl.Parse(share.Link);
        Assert.True(url.RequiresPin);
        Assert.Matches("^[0-9]{6}$", share.Pin);

        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(url.GetLink()), share.Pin!);
        var result = await RunAsync(recipient);

        Assert.Equal(TransferStatus.Completed, result.Status);
        Assert.Equal("pin from the browser", Encoding.UTF8.GetString(result.Content!));
        Assert.Equal("received", (await share.OutcomeAsync()).GetProperty("outcome").GetString());
        await AssertGoneAsync(url);
    }

    [Fact]
    public async Task JavaScriptSharesWithPin_CSharpTypesAWrongPin_BothSidesSaySo_ShareEnded()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "never revealed", pin: true);
        var url = ShareUrl.Parse(share.Link);
        var wrong = share.Pin == "000000" ? "111111" : "000000";

        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(url.GetLink()), wrong);
        var failure = await Assert.ThrowsAsync<TransferException>(() => RunAsync(recipient));

        Assert.Equal(TransferError.WrongPin, failure.Error);
        var outcome = await share.OutcomeAsync();
        Assert.Equal("wrong-pin", outcome.GetProperty("outcome").GetString());
        Assert.Contains("wrong-pin", outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        await AssertGoneAsync(url);
    }

    [Fact]
    public async Task JavaScriptShares_PreviewChangedOnTheRelay_CSharpRefusesAsPreviewMismatch_SenderIsTold()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "behind a changed label", changePreview: true);
        var url = ShareUrl.Parse(share.Link);

        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(url.GetLink()));
        var failure = await Assert.ThrowsAsync<TransferException>(() => RunAsync(recipient));

        Assert.Equal(TransferError.PreviewMismatch, failure.Error);
        Assert.Equal("cancelled", (await share.OutcomeAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task JavaScriptShares_PreviewChangedOnTheRelay_JavaScriptRefusesAsPreviewMismatch()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "behind a changed label", changePreview: true);

        var received = await JsClient.ReceiveAsync(share.Link);

        Assert.False(received.GetProperty("ok").GetBoolean());
        Assert.Equal("preview-mismatch", received.GetProperty("code").GetString());
        Assert.Equal("cancelled", (await share.OutcomeAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task CSharpSharesWithRelayPin_SenderGone_JavaScriptWrongPinThenRight_Received()
    {
        string link;
        const string Pin = "4718253";
        using (var initiator = await CSharpSide.ShareAsync(fixture.BaseUri, "relay pin from C# \u00e9", s_display, Pin, PinMode.RelayAssisted))
        {
            link = await LinkAsync(initiator);
            Assert.Equal(PinProtection.RelayAssisted, initiator.PinProtection);
        }

        // The C# sender's session is gone: the relay alone counts the guesses.
        var wrong = await JsClient.ReceiveAsync(link, "4718254");
        var received = await JsClient.ReceiveAsync(link, "471-8253");

        Assert.Contains("&p=2#", link, StringComparison.Ordinal);
        Assert.Equal("wrong-pin", wrong.GetProperty("code").GetString());
        Assert.Equal(2, wrong.GetProperty("guessesLeft").GetInt32());
        Assert.True(received.GetProperty("ok").GetBoolean(), received.ToString());
        Assert.Equal("relay pin from C# \u00e9", Encoding.UTF8.GetString(Convert.FromBase64String(received.GetProperty("token").GetString()!)));
    }

    [Fact]
    public async Task JavaScriptSharesWithRelayPin_CSharpWrongPinThenRight_JavaScriptSeesEveryStepAndDeletes()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "relay pin from the browser", relayPin: true);
        var url = ShareUrl.Parse(share.Link);
        Assert.Matches("^[0-9]{7}$", share.Pin);
        var wrongPin = share.Pin![0] == '0' ? "1" + share.Pin[1..] : "0" + share.Pin[1..];

        using var wrong = TransferSession.Receive(CreateClient(), TigressLink.Parse(url.GetLink()), wrongPin);
        var failure = await Assert.ThrowsAsync<TransferException>(() => RunAsync(wrong));
        using var recipient = TransferSession.Receive(CreateClient(), TigressLink.Parse(url.GetLink()), share.Pin);
        var result = await RunAsync(recipient);

        Assert.Equal(TransferError.WrongPin, failure.Error);
        Assert.Equal(PinProtection.RelayAssisted, recipient.PinProtection);
        Assert.Equal(TransferStatus.Completed, result.Status);
        Assert.Equal("relay pin from the browser", Encoding.UTF8.GetString(result.Content!));
        var outcome = await share.OutcomeAsync();
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["pin-failed 2", "opened", "received"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        await AssertGoneAsync(url);
    }

    private Task<TransferSession> ShareAsync(string text, string? pin = null) => CSharpSide.ShareAsync(fixture.BaseUri, text, s_display, pin);

    private static async Task AssertGoneAsync(ShareUrl url)
    {
        using var http = new HttpClient();
        // The JavaScript side deletes once it saw the end; give it a moment on a loaded machine.
        for (var i = 0; i < 100; i++)
        {
            using var response = await http.GetAsync(url.MailboxUri);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The mailbox was not deleted after the transfer ended.");
    }
}

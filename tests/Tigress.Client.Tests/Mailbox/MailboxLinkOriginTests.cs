using System.Text;
using System.Text.Json.Nodes;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Client.Tests.Mailbox;

/// <summary>
/// A create answer names the mailbox's link; a relay that points it elsewhere would have the initiator send its claim,
/// and the recipient the link, to another server. The link must lie under the relay address the client was given.
/// </summary>
public sealed class MailboxLinkOriginTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Theory]
    [InlineData("other-origin")]
    [InlineData("other-port")]
    [InlineData("other-path")]
    public async Task Create_AnswerPointsTheLinkElsewhere_RefusedAndTheOtherServerHearsNothing(string where)
    {
        await using var elsewhere = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, ""));
        var relay = fixture.BaseUri;
        var log = RewritingLinks(id => where switch
        {
            "other-origin" => new Uri(elsewhere.MailboxUri, "/v1/m/" + id),
            "other-port" => new UriBuilder(relay) { Port = elsewhere.MailboxUri.Port, Path = "/v1/m/" + id }.Uri,
            _ => new Uri(relay, "other/v1/m/" + id),
        });
        using var client = Clients.Create(log);
        using var key = ShareKey.Generate();

        var failure = await Assert.ThrowsAsync<MailboxException>(() => client.CreateAsync(relay, Guid.NewGuid(), Samples.CreateRequest(key)));

        Assert.Equal(MailboxError.UnexpectedResponse, failure.Error);
        Assert.Contains("at another address", failure.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Connections);
        Assert.Single(log.Requests);
    }

    [Fact]
    public async Task Share_AnswerPointsTheLinkToAnotherServer_NoLinkIsHandedOut_AndNoClaimLeaves()
    {
        await using var elsewhere = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, ""));
        var log = RewritingLinks(id => new Uri(elsewhere.MailboxUri, "/v1/m/" + id));
        using var initiator = await Shares.TextAsync(fixture.BaseUri, "stays home", Clients.Create(log));

        var failure = await Assert.ThrowsAsync<TransferException>(() => initiator.GetLinkAsync());

        Assert.Contains("at another address", failure.Message, StringComparison.Ordinal);
        Assert.Null(initiator.GetLink());
        Assert.Empty(elsewhere.Connections);
    }

    [Fact]
    public async Task Create_AnswerWithTheRelaysOwnAddressInCapitals_Accepted()
    {
        var relay = fixture.BaseUri;
        var log = RewritingLinks(id => new Uri(relay.AbsoluteUri.ToUpperInvariant() + "v1/m/" + id));
        using var client = Clients.Create(log);
        using var key = ShareKey.Generate();

        var created = await client.CreateAsync(relay, Guid.NewGuid(), Samples.CreateRequest(key));

        Assert.Equal(new Uri(relay, "v1/m/" + created.MailboxUri.Segments[^1]), created.MailboxUri);
    }

    /// <summary>Forwards to the real relay, and rewrites the <c>urlLink</c> of its create answers.</summary>
    private static InterceptingHandler RewritingLinks(Func<string, Uri> link) => new(async (request, forward, cancellationToken) =>
    {
        var answer = await forward();
        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/v1/m", StringComparison.Ordinal) || !answer.IsSuccessStatusCode)
        {
            return answer;
        }

        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken))!;
        var id = new Uri(body["urlLink"]!.GetValue<string>()).Segments[^1];
        body["urlLink"] = link(id).AbsoluteUri;
        return new HttpResponseMessage(answer.StatusCode)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            RequestMessage = answer.RequestMessage,
        };
    });
}

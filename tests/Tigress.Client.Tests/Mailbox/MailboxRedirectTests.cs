using Microsoft.AspNetCore.Http;
using Tigress.Client.Mailbox;
using Tigress.Client.Tests.TestServices;

namespace Tigress.Client.Tests.Mailbox;

/// <summary>A relay that redirects: the client never follows with a claim, and never uses an answer reached by a redirect.</summary>
public sealed class MailboxRedirectTests
{
    [Fact]
    public async Task OwnClient_RelayRedirects_RefusesAndTheOtherServerSeesNothing()
    {
        await using var target = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, "id: 1\ndata: {\"event\":\"deleted\"}\n\n"));
        await using var redirecting = await RedirectingTo(target);
        using var client = new MailboxClient(Clients.FastRetries);

        var failure = await Assert.ThrowsAsync<MailboxException>(() => FirstAsync(client.ReadEventsAsync(redirecting.MailboxUri, Guid.NewGuid())));

        Assert.Equal(MailboxError.UnexpectedResponse, failure.Error);
        Assert.Contains("redirect (HTTP 307)", failure.Message, StringComparison.Ordinal);
        Assert.Single(redirecting.Connections);
        Assert.Empty(target.Connections);
    }

    [Fact]
    public async Task CallersClientThatFollowsRedirects_AnswerFromElsewhereIsRefused()
    {
        await using var target = await FakeEventServer.StartAsync((context, _) => FakeEventServer.StreamAsync(context, "id: 1\ndata: {\"event\":\"deleted\"}\n\n"));
        await using var redirecting = await RedirectingTo(target);
        var client = Clients.Create(new SocketsHttpHandler { AllowAutoRedirect = true });

        var failure = await Assert.ThrowsAsync<MailboxException>(() => FirstAsync(client.ReadEventsAsync(redirecting.MailboxUri, Guid.NewGuid())));

        Assert.Equal(MailboxError.UnexpectedResponse, failure.Error);
        Assert.Contains("redirect", failure.Message, StringComparison.Ordinal);
    }

    private static Task<FakeEventServer> RedirectingTo(FakeEventServer target) =>
        FakeEventServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = target.MailboxUri.AbsoluteUri + "/events";
            return Task.CompletedTask;
        });

    private static async Task<MailboxEvent> FirstAsync(IAsyncEnumerable<MailboxEvent> events)
    {
        await foreach (var mailboxEvent in events)
        {
            return mailboxEvent;
        }

        throw new InvalidOperationException("The stream ended without an event.");
    }
}

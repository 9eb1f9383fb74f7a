using System.Net;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// Closing the terminal (SIGHUP) or a polite kill (SIGTERM) ends the built <c>tigress share</c> the way Ctrl-C does:
/// the share is cancelled at the relay, so the link stops working, before the process exits.
/// </summary>
public sealed class ShareSignalProcessTests
{
    [Theory]
    [InlineData("HUP")]
    [InlineData("TERM")]
    public async Task Share_Signalled_DeletesTheMailboxBeforeExiting(string signal)
    {
        await using var relay = await RelayProcess.StartAsync();
        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "closed the terminal");
        var link = await share.FirstLineAsync();
        var mailbox = new Uri(link).GetLeftPart(UriPartial.Path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (var live = await http.GetAsync(mailbox))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await share.SignalAsync(signal);
        var exit = await share.ExitAsync();

        using var after = await http.GetAsync(mailbox);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(130, exit);
        Assert.Contains("the share is cancelled", share.Stderr, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// The built <c>tigress share</c>, waiting on the relay's event stream, prints <c>claimed</c> as soon as a device
/// claims the share, before that device has written anything; relay and share run as separate processes.
/// </summary>
public sealed class ShareNotificationProcessTests
{
    [Fact]
    public async Task Share_PrintsClaimedWithinASecondOfTheClaim_ThenCompletesWithTheRealRecipient()
    {
        await using var relay = await RelayProcess.StartAsync();
        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "Locker 12, code 9031", "--json");
        var link = JsonDocument.Parse(await share.FirstLineAsync()).RootElement.GetProperty("url").GetString()!;
        await WaitUntilAsync(() => Events(share).Contains("waiting"));

        // Let the share open its stream, then claim with a device that reads once and writes nothing.
        await Task.Delay(500);
        using var http = new HttpClient();
        var mailbox = new Uri(link).GetLeftPart(UriPartial.Path);
        var device = Guid.NewGuid();
        var before = Stopwatch.GetTimestamp();
        using (var claim = await SendAsync(http, HttpMethod.Post, mailbox, device))
        {
            Assert.Equal(200, (int)claim.StatusCode);
        }

        await WaitUntilAsync(() => Events(share).Contains("claimed"), pause: 5);
        var latency = Stopwatch.GetElapsedTime(before);

        // The device lets go, and the real recipient takes the share.
        using (var relinquish = await SendAsync(http, HttpMethod.Patch, mailbox, device))
        {
            Assert.Equal(200, (int)relinquish.StatusCode);
        }

        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--json");

        Assert.True(latency < TimeSpan.FromSeconds(1), $"tigress share printed claimed {latency.TotalMilliseconds:F0} ms after the claim");
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal(["shared", "sent", "waiting", "claimed", "received", "completed"], Events(share));
    }

    private static List<string> Events(TigressProcess process) =>
        [.. process.Stdout.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()!)];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string mailbox, Guid claim)
    {
        using var request = new HttpRequestMessage(method, mailbox);
        request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", Guid.NewGuid().ToString("D"));
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", claim.ToString("D"));
        return await http.SendAsync(request);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int pause = 20)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting");
            await Task.Delay(pause);
        }
    }
}

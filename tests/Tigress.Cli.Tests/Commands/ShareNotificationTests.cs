using System.Diagnostics;
using System.Text.Json;
using Tigress.Cli.Tests.TestServices;
using Tigress.Client.Mailbox;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>
/// <c>tigress share</c> waits on the relay's event stream: it shows the claim the moment a recipient claims, before
/// any answer, and sends no request while nothing happens. Each test has its own relay, whose metrics count what
/// the share asked for.
/// </summary>
public sealed class ShareNotificationTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Share_Json_PrintsClaimedAtOnce_WithoutPollingMeanwhile()
    {
        // Arrange: a share waiting on its stream for a while.
        await using var relay = await LoopbackRelay.StartAsync();
        using var meter = new RelayRequestMeter(relay);
        var (share, first) = await CliRun.ShareAsync(relay, "--text", "prompt", "--json");
        var link = JsonDocument.Parse(first).RootElement.GetProperty("url").GetString()!;
        await WaitUntilAsync(() => meter.OpenStreams == 1 && meter.Completed("read") == 1);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var readsWhileWaiting = meter.Completed("read");
        var streamsWhileWaiting = meter.OpenStreams;

        // Act: a device claims with its first read, and does nothing else.
        using var url = ShareUrl.Parse(link);
        var device = Guid.NewGuid();
        var client = new MailboxClient(new HttpClient());
        var before = Stopwatch.GetTimestamp();
        await client.ReadAsync(url.MailboxUri, device);
        await WaitUntilAsync(() => share.Console.OutputLines.Select(Event).Contains("claimed"), pause: 5);
        var latency = Stopwatch.GetElapsedTime(before);

        // The device lets go; a real recipient completes the share.
        await client.RelinquishAsync(url.MailboxUri, device);
        var receive = await CliRun.RunAsync("receive", "--yes", link, "--json");
        var exit = await share.Exit.WaitAsync(s_timeout);

        // Assert
        // Typically milliseconds; the bound stays far under the 30 s long poll it tells apart, whatever the machine's load.
        Assert.True(latency < TimeSpan.FromSeconds(10), $"claimed was printed {latency.TotalMilliseconds:F0} ms after the claim");
        Assert.Equal(1, readsWhileWaiting);
        Assert.Equal(1, streamsWhileWaiting);
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["shared", "sent", "waiting", "claimed", "received", "completed"], share.Console.OutputLines.Select(Event));
        Assert.Empty(share.Console.ErrorLines);
    }

    [Fact]
    public async Task Share_Interactive_ShowsTheRecipientOpenedTheShare_BeforeAnyAnswer()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var meter = new RelayRequestMeter(relay);
        using var interrupt = new CancellationTokenSource();
        var share = CliRun.Start(["share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "watch this"], interactive: true, cancellationToken: interrupt.Token);
        var link = await share.Console.FirstOutputLine.WaitAsync(s_timeout);
        await WaitUntilAsync(() => meter.OpenStreams == 1 && meter.Completed("read") == 1);

        using var url = ShareUrl.Parse(link);
        var before = Stopwatch.GetTimestamp();
        await new MailboxClient(new HttpClient()).ReadAsync(url.MailboxUri, Guid.NewGuid());
        await WaitUntilAsync(() => share.Console.Progress.Contains("The recipient opened the share."), pause: 5);
        var latency = Stopwatch.GetElapsedTime(before);
        await WaitUntilAsync(() => share.Console.Progress.Contains("status: Waiting for the recipient's answer…"));
        var progress = share.Console.Progress;
        await interrupt.CancelAsync();
        var exit = await share.Exit.WaitAsync(s_timeout);

        // Far under the 30 s long poll, whatever the machine's load.
        Assert.True(latency < TimeSpan.FromSeconds(10), $"the claim was shown {latency.TotalMilliseconds:F0} ms after it happened");
        Assert.Equal("status: Waiting for the recipient to open the link…", progress[^3]);
        Assert.Equal(["The recipient opened the share.", "status: Waiting for the recipient's answer…"], progress.Skip(progress.Count - 2));
        Assert.Equal(ExitCodes.Interrupted, exit);
    }

    private static string Event(string line) => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()!;

    private static async Task WaitUntilAsync(Func<bool> condition, int pause = 20)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(s_timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "timed out waiting");
            await Task.Delay(pause);
        }
    }
}

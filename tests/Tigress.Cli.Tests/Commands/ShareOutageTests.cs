using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>A relay that goes away while a share waits: the share keeps trying, says so, and finishes once it is back.</summary>
public sealed class ShareOutageTests
{
    [Fact]
    public async Task Share_RelayDownLongerThanTheRequestRetries_KeepsRetryingAndCompletesWhenItIsBack()
    {
        var folder = TemporaryFolder.Create("cli-outage");
        try
        {
            var relay = await LoopbackRelay.StartAsync(dataDirectory: folder);
            var baseUri = relay.BaseUri;
            var (share, link) = await CliRun.ShareAsync(relay, "--text", "survives the outage");

            await relay.StopAsync();

            // The test's clients give up a request after two quick retries; the share must outlast several such failures.
            await WaitUntilAsync(() => share.Console.Messages.Count(IsRetryNotice) >= 3 || share.Exit.IsCompleted);
            Assert.False(share.Exit.IsCompleted, $"share exited during the outage: {string.Join(" | ", share.Console.ErrorLines)}");
            Assert.Contains("The link still works", share.Console.Messages.First(IsRetryNotice), StringComparison.Ordinal);

            await using var back = await LoopbackRelay.StartAsync(
                new Dictionary<string, string?> { ["Urls"] = baseUri.GetLeftPart(UriPartial.Authority) },
                dataDirectory: folder);
            var receive = await CliRun.RunAsync("receive", "--yes", link);

            Assert.Equal(ExitCodes.Success, await receive.Exit);
            Assert.Equal("survives the outage"u8.ToArray(), receive.Console.RawOutput);
            Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(90)));
            Assert.Empty(share.Console.ErrorLines);
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    private static bool IsRetryNotice(string message) => message.StartsWith("The relay is unavailable", StringComparison.Ordinal);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

using System.Text.RegularExpressions;
using Tigress.Cli.Interaction;
using Tigress.Cli.Tests.TestServices;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Mailbox;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>The command speaks a person's words: what a share is, when it expires, and a neutral preview when the
/// sender gives none.</summary>
public sealed class PlainWordsTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 7, 21, 40, 0, TimeSpan.Zero);

    // "(Wed 9 Dec 21:40)": the local time the person reads, with the weekday.
    private const string LocalTime = @"\([A-Z][a-z]{2} [0-9]{1,2} [A-Z][a-z]{2} [0-9]{2}:[0-9]{2}\)";

    [Theory]
    [InlineData(48 * 60, "in 48 hours (Wed 9 Dec 21:40)")]
    [InlineData(48 * 60 - 1, "in 48 hours (Wed 9 Dec 21:39)")]
    [InlineData(60, "in 1 hour (Mon 7 Dec 22:40)")]
    [InlineData(45, "in 45 minutes (Mon 7 Dec 22:25)")]
    [InlineData(0, "in less than a minute (Mon 7 Dec 21:40)")]
    [InlineData(7 * 24 * 60, "in 7 days (Mon 14 Dec 21:40)")]
    [InlineData(30 * 24 * 60, "in 30 days (Wed 6 Jan 2027 21:40)")]
    public void Expiry_IsRelativeAndInLocalTime(int minutes, string expected)
    {
        Assert.Equal(expected, PlainWords.Expiry(s_now.AddMinutes(minutes), s_now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Expiry_ShowsTheClockOfTheLocalZone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");

        Assert.Equal("in 2 hours (Tue 8 Dec 01:40)", PlainWords.Expiry(s_now.AddHours(2), s_now, zone));
    }

    [Theory]
    [InlineData(AuthorizationTokenVertical.FormatName, null, false, "A shared text")]
    [InlineData(AuthorizationTokenVertical.FormatName, null, true, "A shared file")]
    [InlineData(AuthorizationTokenVertical.FormatName, ShareVertical.HomeKey, false, "A shared home key")]
    [InlineData(CarKeyVertical.FormatName, null, false, "A shared car key")]
    public void DefaultTitle_NamesWhatIsSharedAndNoCommand(string format, ShareVertical? vertical, bool file, string expected)
    {
        Assert.Equal(expected, PlainWords.DefaultTitle(format, vertical, file));
    }

    [Fact]
    public async Task Receive_ATextWithoutTitle_ShowsANeutralPreview_ATextInWords_AndWhenItExpires()
    {
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--text", "words", "--expires", "2h");

        var receive = CliRun.Start(["receive", link], confirm: "y");

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        var messages = receive.Console.Messages;
        Assert.Contains(messages, m => Regex.IsMatch(m, "^Title: +A shared text$"));
        Assert.Contains(messages, m => Regex.IsMatch(m, "^Description: +Open this link to receive it. It can be opened once, on one device.$"));
        Assert.Contains(messages, m => Regex.IsMatch(m, "^Credential: +a text$"));
        Assert.Contains(messages, m => Regex.IsMatch(m, $"^Expires: +in 2 hours {LocalTime}$"));
        Assert.DoesNotContain(AuthorizationTokenVertical.FormatName, receive.Console.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_AFile_NamesItAndTheRelaysLifetimeAsTheExpiry()
    {
        var folder = TemporaryFolder.Create("plain-words");
        var file = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(file, "file words");
        var (share, link) = await CliRun.ShareAsync(fixture.Relay, "--file", file);

        var receive = CliRun.Start(["receive", link, "--out", Path.Combine(folder, "received.txt")], confirm: "y");

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        var messages = receive.Console.Messages;
        Assert.Contains(messages, m => Regex.IsMatch(m, "^Title: +A shared file$"));
        Assert.Contains(messages, m => Regex.IsMatch(m, "^Credential: +a file: notes.txt$"));

        // The test relay keeps a share 48 hours at most, its default.
        Assert.Contains(messages, m => Regex.IsMatch(m, $"^Expires: +in 48 hours {LocalTime}$"));
    }

    [Theory]
    [InlineData(null, "in 48 hours")]
    [InlineData("30m", "in 30 minutes")]
    public async Task Share_OnATerminal_OffersTheBrowser_AndSaysWhenTheLinkExpires(string? expires, string expected)
    {
        string[] args = ["share", "--relay", fixture.Relay.BaseUri.AbsoluteUri, "--text", "told", .. expires is null ? Array.Empty<string>() : ["--expires", expires]];
        var share = CliRun.Start(args, interactive: true);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => share.Console.Messages.Any(m => m.StartsWith("The link expires", StringComparison.Ordinal)));

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", Path.Combine(TemporaryFolder.Create("plain-words"), "out"));

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        var messages = share.Console.Messages;
        Assert.Contains("The recipient can open the link in any browser, or run:", messages);
        Assert.Contains(messages, m => Regex.IsMatch(m, $"^The link expires {expected} {LocalTime}\\.$"));
    }

    [Fact]
    public async Task Share_ACarKeyOnATerminal_DoesNotOfferTheBrowser()
    {
        using var stop = new CancellationTokenSource();
        var share = CliRun.Start(
            ["share", "--relay", fixture.Relay.BaseUri.AbsoluteUri, "--text", "not for a browser", "--vertical", "c"], interactive: true, cancellationToken: stop.Token);
        await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => share.Console.Messages.Any(m => m.StartsWith("The link expires", StringComparison.Ordinal)));
        stop.Cancel();

        Assert.Equal(ExitCodes.Interrupted, await share.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("The recipient can open the link in a wallet app, or run:", share.Console.Messages);
        Assert.DoesNotContain(share.Console.Messages, m => m.Contains("browser", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in 60 seconds");
            await Task.Delay(20);
        }
    }
}

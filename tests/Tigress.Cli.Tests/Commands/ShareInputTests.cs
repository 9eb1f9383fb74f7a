using System.Security.Cryptography;
using System.Text;
using Tigress.Cli.Commands;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>What <c>share</c> reads and checks before it creates anything, and how the relay's refusals read.</summary>
public sealed class ShareInputTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private LoopbackRelay Relay => fixture.Relay;

    [Fact]
    public async Task Share_TextDash_ReadsTheTextFromStandardInput()
    {
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "-"], input: Encoding.UTF8.GetBytes("piped secret\n"));
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));

        var receive = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal("piped secret"u8.ToArray(), receive.Console.RawOutput);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Share_FileDash_ReadsTheBytesFromStandardInput_AsTheyAre()
    {
        byte[] content = [0x00, 0xFF, .. "line\n"u8.ToArray(), 0x0D, 0x0A];
        var share = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--file", "-"], input: content);
        var link = await share.Console.FirstOutputLine.WaitAsync(TimeSpan.FromSeconds(30));
        var saved = Path.Combine(Path.GetTempPath(), $"tigress-file-dash-{Guid.NewGuid():N}");

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--out", saved);

        try
        {
            Assert.Equal(ExitCodes.Success, await receive.Exit);
            Assert.Equal(content, await File.ReadAllBytesAsync(saved));
            Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            File.Delete(saved);
        }
    }

    [Fact]
    public async Task Share_FileDash_StandardInputPastTheLimit_Refused()
    {
        var cli = CliRun.Start(["share", "--relay", Relay.BaseUri.AbsoluteUri, "--file", "-"], input: new byte[(1024 * 1024) + 1]);

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--file -: standard input holds more than 1048576 bytes", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task ShareHelp_TellsOfTextFromStandardInput()
    {
        var cli = await CliRun.RunAsync("share", "--help");

        Assert.Equal(0, await cli.Exit);
        Assert.Contains("'-' reads it from standard input", cli.HelpOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_FileThatNeverEnds_StopsPastTheLimit()
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--file", "/dev/zero");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        Assert.Contains("is larger than 1048576 bytes", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task Share_FileIsAFolder_SaysSo()
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--file", Path.GetTempPath());

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("is a folder", line, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", line, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a\0b")]
    public async Task Share_FileWithoutAUsablePath_ExitsInvalidUsageInPlainWords(string path)
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--file", path);

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("--file: give a path", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--expires", "99999999999999999d", "longer than any relay keeps a share")]
    [InlineData("--expires", "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999s", "longer than any relay keeps a share")]
    [InlineData("--pin-length", "99999999999", "--pin-length must be a number from 6 to 32")]
    [InlineData("--pin-length", "six", "--pin-length must be a number from 6 to 32")]
    public async Task Share_ValueOutOfRange_ExitsInvalidUsageInPlainWords(string option, string value, string expected)
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "x", option, value);

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_TitleTooLong_ShowsTheRelaysReason()
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", "x", "--title", new string('t', 300));

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        Assert.Contains("displayInformation.title is longer than 256 characters", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_TextTooLarge_ShowsTheRelaysLimit()
    {
        var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", new string('a', 70_000));

        Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Matches("this relay takes at most [0-9]+ bytes for this format", line);
        Assert.Contains("Nothing was uploaded", line, StringComparison.Ordinal);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Fact]
    public async Task Share_TooLarge_StatesTheRealLimit_WhichIsExactlyWhatFits()
    {
        var refused = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", new string('a', 70_000));
        var match = System.Text.RegularExpressions.Regex.Match(Assert.Single(refused.Console.ErrorLines), "this relay takes at most ([0-9]+) bytes for this format");
        Assert.True(match.Success, string.Join(" | ", refused.Console.ErrorLines));
        var limit = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // One byte more is refused with the same number; the number itself goes through and is received whole.
        var over = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--text", new string('a', limit + 1));
        Assert.Equal(ExitCodes.RelayRefused, await over.Exit);
        Assert.Contains($"this relay takes at most {limit} bytes for this format", Assert.Single(over.Console.ErrorLines), StringComparison.Ordinal);

        var (share, link) = await CliRun.ShareAsync(Relay, "--text", new string('a', limit));
        var receive = await CliRun.RunAsync("receive", "--yes", link);
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal(limit, receive.Console.RawOutput.Length);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("--text")]
    [InlineData("--file")]
    public async Task ShareHelp_StatesTheSizeLimitAndHowItIsFound(string option)
    {
        var cli = await CliRun.RunAsync("share", "--help");

        Assert.Equal(0, await cli.Exit);
        var help = System.Text.RegularExpressions.Regex.Replace(cli.HelpOutput.ToString(), "\\s+", " ");
        var start = help.IndexOf(option + " <", StringComparison.Ordinal);
        Assert.True(start >= 0, help);
        var entry = help[start..help.IndexOf(" --", start + option.Length, StringComparison.Ordinal)];
        Assert.Contains("advertises its limit at GET /v1 (maxPayloadBytes", entry, StringComparison.Ordinal);
        Assert.Contains($"never more than {ShareCommand.MaxContentBytes} bytes", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_FileUnderTheAdvertisedLimitButOverTheTrueOne_IsRefusedBeforeUpload()
    {
        // 50,000 random bytes: under the 65,536 bytes /v1 advertises, over it once base64, JSON and encryption are added.
        var file = Path.Combine(Path.GetTempPath(), $"tigress-cli-test-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(50_000));
        try
        {
            var cli = await CliRun.RunAsync("share", "--relay", Relay.BaseUri.AbsoluteUri, "--file", file);

            Assert.Equal(ExitCodes.RelayRefused, await cli.Exit);
            Assert.Matches("50000 bytes of content, and this relay takes at most [0-9]+ bytes", Assert.Single(cli.Console.ErrorLines));
            Assert.Empty(cli.Console.OutputLines);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// PIN-protected shares with <c>tigress share --pin-spake2</c> (the one guess the sender's device checks) and
/// <c>tigress receive</c> as separate processes, through <c>tigress relay</c> as a third. Standard input is not a
/// terminal here, as in a script. The relay-assisted PIN, <c>--pin</c>'s default, is <see cref="RelayPinProcessTests"/>.
/// </summary>
public sealed partial class PinShareProcessTests
{
    private const int WrongPinExit = 9;
    private const int PinRequiredExit = 10;
    private const int ExpiredOrCancelledExit = 4;

    [Fact]
    public async Task SharePin_ReceiveWithThePin_MovesTheText()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();
        const string text = "Locker 14, code 2580";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text, "--pin-spake2");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal(text, await File.ReadAllTextAsync(output));
        Assert.Matches(SevenDigits(), pin);
        Assert.Contains("&p=1#", link, StringComparison.Ordinal);
        Assert.Equal([link, "PIN: " + pin], share.Stdout);
        Assert.StartsWith("PIN protection: SPAKE2 (as asked).", Assert.Single(Lines(share.Stderr)), StringComparison.Ordinal);
        Assert.Empty(Lines(receive.Stderr));
    }

    [Fact]
    public async Task WrongPin_BothExitWrongPin_AndTheRightPinNoLongerWorks()
    {
        await using var relay = await RelayProcess.StartAsync();
        const string text = "never for the guesser";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text, "--pin-spake2");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var guess = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", Other(pin));
        var shareExit = await share.ExitAsync();
        await using var late = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin);

        Assert.Equal(WrongPinExit, await guess.ExitAsync());
        Assert.Contains("wrong", Assert.Single(Lines(guess.Stderr)), StringComparison.Ordinal);
        Assert.Empty(guess.Stdout);
        Assert.Equal(WrongPinExit, shareExit);
        Assert.Contains("wrong PIN was tried", Lines(share.Stderr)[^1], StringComparison.Ordinal);
        Assert.Equal(ExpiredOrCancelledExit, await late.ExitAsync());
        Assert.Contains("ended", Assert.Single(Lines(late.Stderr)), StringComparison.Ordinal);
        Assert.Empty(late.Stdout);
        Assert.DoesNotContain(text, guess.Stderr + late.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveWithoutPin_NoTerminal_RefusedWithoutClaiming_ThenTheRightPinWorks()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "wait for the PIN", "--pin-spake2");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var refused = await TigressProcess.RunAsync("receive", "--yes", link);
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(PinRequiredExit, await refused.ExitAsync());
        var line = Assert.Single(Lines(refused.Stderr));
        Assert.Contains("protected by a PIN", line, StringComparison.Ordinal);
        Assert.Contains("Nothing was claimed", line, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal("wait for the PIN", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task AttackerClaimsFirstWithAWrongPin_CredentialNeverRevealed_RealRecipientToldTheShareEnded()
    {
        await using var relay = await RelayProcess.StartAsync();
        const string credential = "CREDENTIAL-e2e-71f0c3";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", credential, "--pin-spake2", "--json");
        var link = JsonDocument.Parse(await share.FirstLineAsync()).RootElement.GetProperty("url").GetString()!;
        var pin = JsonDocument.Parse(await LineAsync(share, 1)).RootElement.GetProperty("pin").GetString()!;

        // The attacker read the link on the insecure channel and gets there first.
        await using var attacker = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", Other(pin), "--json");
        await using var real = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin, "--json");
        var shareExit = await share.ExitAsync();

        Assert.Equal(WrongPinExit, await attacker.ExitAsync());
        Assert.Equal(ExpiredOrCancelledExit, await real.ExitAsync());
        Assert.Contains("ended", Assert.Single(Lines(real.Stderr)), StringComparison.Ordinal);
        Assert.Equal(WrongPinExit, shareExit);
        foreach (var run in new[] { attacker, real })
        {
            var everything = string.Join("\n", run.Stdout) + run.Stderr;
            Assert.DoesNotContain(credential, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credential)), everything, StringComparison.Ordinal);
            Assert.DoesNotContain("\"completed\"", everything, StringComparison.Ordinal);
        }

        Assert.Equal("wrong-pin", JsonDocument.Parse(share.Stdout[^1]).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PinLengthEight_ReceiveWithGroupedDigits_Completes()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "grouped", "--pin-length", "8");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", $"{pin[..4]}-{pin[4..]}");

        Assert.Matches("^[0-9]{8}$", pin);
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal("grouped", string.Join("\n", receive.Stdout));
    }

    [Fact]
    public async Task DropboxPin_ThroughNginx_RightPinMovesTheText_AndTheFolderEndsEmpty()
    {
        await using var nginx = await NginxWebDav.StartAsync();
        var output = TempFile();

        await using var share = TigressProcess.Start("share", "--binding", "dropbox", "--relay", nginx.BaseUri.AbsoluteUri, "--text", "via WebDAV", "--pin-spake2");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var refused = await TigressProcess.RunAsync("receive", "--yes", link);
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(PinRequiredExit, await refused.ExitAsync());
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal("via WebDAV", await File.ReadAllTextAsync(output));
        Assert.StartsWith(nginx.BaseUri.AbsoluteUri + "#v=1&s=1301&r=", link, StringComparison.Ordinal);
        Assert.EndsWith("&p=1", link, StringComparison.Ordinal);
        Assert.Empty(nginx.StoredFiles);
    }

    [Fact]
    public async Task DropboxPin_ThroughTheRelay_WrongPinEndsTheShare_AndTheRightPinNoLongerWorks()
    {
        await using var relay = await RelayProcess.StartAsync();
        const string text = "dropbox, one guess";

        await using var share = TigressProcess.Start("share", "--binding", "dropbox", "--relay", relay.BaseUri.AbsoluteUri, "--text", text, "--pin-spake2");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var guess = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", Other(pin));
        var shareExit = await share.ExitAsync();
        await using var late = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin);

        Assert.Equal(WrongPinExit, await guess.ExitAsync());
        Assert.Equal(WrongPinExit, shareExit);
        Assert.Contains("wrong PIN was tried", Lines(share.Stderr)[^1], StringComparison.Ordinal);
        Assert.NotEqual(0, await late.ExitAsync());
        Assert.Empty(late.Stdout);
        Assert.DoesNotContain(text, string.Join("\n", guess.Stdout) + guess.Stderr + late.Stderr, StringComparison.Ordinal);
    }

    private static async Task<(string Link, string Pin)> LinkAndPinAsync(TigressProcess share)
    {
        var link = await share.FirstLineAsync();
        var pinLine = await LineAsync(share, 1);
        Assert.StartsWith("PIN: ", pinLine, StringComparison.Ordinal);
        return (link, pinLine["PIN: ".Length..]);
    }

    private static async Task<string> LineAsync(TigressProcess process, int index)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (process.Stdout.Count <= index)
        {
            await Task.Delay(20, timeout.Token);
        }

        return process.Stdout[index];
    }

    // Another PIN of the same length: the first digit changed.
    private static string Other(string pin) => (pin[0] == '0' ? "1" : "0") + pin[1..];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-e2e-{Guid.NewGuid():N}");

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex SevenDigits();
}

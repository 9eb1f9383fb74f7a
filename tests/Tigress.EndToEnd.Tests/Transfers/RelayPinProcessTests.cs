using System.Diagnostics;
using System.Text.Json;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// The relay-assisted PIN, <c>tigress share --pin</c>'s default (docs/protocol.md section 12.6), with share, receive
/// and the relay as separate processes: the relay counts the guesses, so the recipient receives with the sender gone,
/// and the sender hears of every wrong PIN while it runs.
/// </summary>
public sealed class RelayPinProcessTests
{
    private const int WrongPinExit = 9;

    [Fact]
    public async Task SharePin_SenderKilledWithSigkill_TheRecipientStillReceivesWithinSeconds()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();
        const string text = "Shed padlock 3141";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text, "--pin");
        var (link, pin) = await LinkAndPinAsync(share);
        await WaitForStderrAsync(share, "PIN protection: relay-assisted.");

        // SIGKILL: the sender cancels nothing, deletes nothing, and is never heard from again.
        await share.SignalAsync("KILL");
        Assert.NotEqual(0, await share.ExitAsync());
        var clock = Stopwatch.StartNew();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);
        clock.Stop();

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(text, await File.ReadAllTextAsync(output));
        Assert.Contains("&p=2#", link, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Empty(Lines(receive.Stderr));

        // The process start dominates; the bound leaves a loaded machine room while proving no wait for the sender.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"receive took {clock.Elapsed}");
    }

    [Fact]
    public async Task WrongPinThenRight_ReceiveSaysTheTriesLeft_TheSendersProcessReportsTheGuess_ThenBothComplete()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "try, try again", "--pin");
        var (link, pin) = await LinkAndPinAsync(share);
        await using var wrong = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await WaitForStderrAsync(share, "A wrong PIN was tried; 2 tries left.");
        await using var right = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);

        Assert.Equal(WrongPinExit, await wrong.ExitAsync());
        var line = Assert.Single(Lines(wrong.Stderr));
        Assert.Contains("2 tries are left", line, StringComparison.Ordinal);
        Assert.Empty(wrong.Stdout);
        Assert.Equal(0, await right.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal("try, try again", await File.ReadAllTextAsync(output));
        Assert.Equal(["PIN protection", "A wrong PIN was tried; 2 tries left."], Lines(share.Stderr).Select(l => l.StartsWith("PIN protection", StringComparison.Ordinal) ? "PIN protection" : l));
    }

    [Fact]
    public async Task LastWrongGuess_LocksTheShare_TheSenderIsToldAndExitsWrongPin_TheRightPinNoLongerWorks()
    {
        await using var relay = await RelayProcess.StartAsync();
        const string text = "locked for good";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text, "--pin", "--pin-guesses", "2", "--json");
        var link = JsonDocument.Parse(await share.FirstLineAsync()).RootElement.GetProperty("url").GetString()!;
        var pin = JsonDocument.Parse(await LineAsync(share, 1)).RootElement.GetProperty("pin").GetString()!;
        await using var first = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await using var second = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", Other(Other(pin)));
        var shareExit = await share.ExitAsync();
        await using var late = await TigressProcess.RunAsync("receive", "--yes", link, "--pin", pin);

        Assert.Equal(WrongPinExit, await first.ExitAsync());
        Assert.Contains("1 try is left", Assert.Single(Lines(first.Stderr)), StringComparison.Ordinal);
        Assert.Equal(WrongPinExit, await second.ExitAsync());
        Assert.Contains("ask the sender for a new link", Assert.Single(Lines(second.Stderr)), StringComparison.Ordinal);
        Assert.Equal(WrongPinExit, shareExit);
        var events = share.Stdout.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 0], events.Where(e => e.GetProperty("event").GetString() == "pin-failed").Select(e => e.GetProperty("guessesLeft").GetInt32()));
        Assert.Equal("pin-locked", events[^1].GetProperty("code").GetString());
        Assert.Contains("locked", Lines(share.Stderr)[^1], StringComparison.Ordinal);
        Assert.NotEqual(0, await late.ExitAsync());
        Assert.Empty(late.Stdout);
        Assert.DoesNotContain(text, string.Join("\n", first.Stdout) + first.Stderr + second.Stderr + late.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharePinGuesses_BreaksTheOneInAMillionRule_RefusedWithOneLine_AndHelpNamesTheOptions()
    {
        await using var refused = await TigressProcess.RunAsync("share", "--relay", "http://127.0.0.1:1/", "--text", "x", "--pin-guesses", "5", "--pin-length", "6");
        await using var help = await TigressProcess.RunAsync("share", "--help");

        Assert.Equal(2, await refused.ExitAsync());
        Assert.Equal(
            "tigress share: --pin-guesses 5 with a 6-digit PIN gives a guesser more than a one-in-a-million chance: allow at most 1 guess with 6 digits, or a longer --pin-length.",
            Assert.Single(Lines(refused.Stderr)));
        Assert.Empty(refused.Stdout);
        Assert.Equal(0, await help.ExitAsync());
        var text = string.Join(" ", string.Join(" ", help.Stdout).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--pin-spake2", text, StringComparison.Ordinal);
        Assert.Contains("--pin-guesses <N>", text, StringComparison.Ordinal);
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (process.Stdout.Count <= index)
        {
            await Task.Delay(20, timeout.Token);
        }

        return process.Stdout[index];
    }

    // The sender's report of a guess comes from its event stream, a moment after the receive that made it.
    private static async Task WaitForStderrAsync(TigressProcess process, string line)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!Lines(process.Stderr).Any(l => l.StartsWith(line, StringComparison.Ordinal)))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    // Another PIN of the same length: the first digit changed (twice over gives a third PIN).
    private static string Other(string pin) => (char)('0' + ((pin[0] - '0' + 1) % 10)) + pin[1..];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-e2e-{Guid.NewGuid():N}");
}

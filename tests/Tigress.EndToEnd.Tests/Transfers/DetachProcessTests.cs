using System.Text.Json;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// <c>share --detach</c>, <c>status</c>, <c>cancel</c> and <c>share --resume</c> as separate processes against a relay
/// process on loopback, each test with its own XDG_STATE_HOME: a share left running (or whose process was killed) is
/// received while no sender runs, and <c>status</c> later tells the sender every wrong PIN once and how it ended.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DetachProcessTests : IDisposable
{
    private const int WrongPinExit = 9;
    private const int UnknownShareExit = 11;
    private const int StateFileUnusableExit = 12;

    private readonly string _stateHome = TemporaryFolder.Create("e2e-state");

    private string StateFolder => Path.Combine(_stateHome, "tigress");

    public void Dispose() => TemporaryFolder.Delete(_stateHome);

    [Fact]
    public async Task ShareDetach_ThenReceive_ThenStatusReportsReceived_AndTheStateIsGone()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "left on the doormat", "--detach");
        var link = Assert.Single(share.Stdout);
        var file = Assert.Single(StateFiles());
        var modes = (File.GetUnixFileMode(file), File.GetUnixFileMode(StateFolder));
        await using var waiting = await RunAsync("status");
        await using var receive = await RunAsync("receive", "--yes", link, "--out", output);
        await using var status = await RunAsync("status");
        await using var again = await RunAsync("status");

        Assert.Equal(0, await share.ExitAsync());
        Assert.StartsWith(relay.BaseUri.AbsoluteUri + "v1/m/", link, StringComparison.Ordinal);
        var notice = Assert.Single(Lines(share.Stderr));
        Assert.StartsWith("Left running as ", notice, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), modes);
        Assert.Matches("^[0-9a-f]{12}  waiting to be opened; expires [0-9-]{10} [0-9:]{5}; \"A shared text\"$", Assert.Single(waiting.Stdout));
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal("left on the doormat", await File.ReadAllTextAsync(output));
        Assert.Equal(0, await status.ExitAsync());
        Assert.Matches("^[0-9a-f]{12}  received; \"A shared text\"$", Assert.Single(status.Stdout));
        Assert.Empty(StateFiles());
        Assert.False(File.Exists(file));
        Assert.Equal(0, await again.ExitAsync());
        Assert.Empty(again.Stdout);
        Assert.StartsWith("No shares are left running", Assert.Single(Lines(again.Stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_EndsTheShare_ReceiveFailsWithTheLinkGone_AndAnUnknownLinkIsOneLine()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "never mind", "--detach");
        var link = share.Stdout[0];
        await using var cancel = await RunAsync("cancel", link);
        await using var receive = await RunAsync("receive", "--yes", link);
        await using var twice = await RunAsync("cancel", link);
        await using var status = await RunAsync("status", link);

        Assert.Equal(0, await cancel.ExitAsync());
        Assert.Matches("^Cancelled the share [0-9a-f]{12}: the link no longer works\\.$", Assert.Single(Lines(cancel.Stderr)));
        Assert.Empty(StateFiles());
        Assert.Equal(4, await receive.ExitAsync());
        Assert.Contains("no longer available", Assert.Single(Lines(receive.Stderr)), StringComparison.Ordinal);
        Assert.Empty(receive.Stdout);
        foreach (var unknown in new[] { twice, status })
        {
            Assert.Equal(UnknownShareExit, await unknown.ExitAsync());
            var line = Assert.Single(Lines(unknown.Stderr));
            Assert.Contains("no share with this link is saved on this computer", line, StringComparison.Ordinal);
            Assert.DoesNotContain(link[(link.IndexOf('#') + 1)..], line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PinDetach_WrongPinThenTheRightOne_StatusReportsTheOneWrongGuessOnce_AndReceived()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "pin and away", "--pin", "--detach");
        var (link, pin) = (share.Stdout[0], share.Stdout[1]["PIN: ".Length..]);
        await using var wrong = await RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await using var afterWrong = await RunAsync("status");
        await using var quiet = await RunAsync("status", "--json");
        await using var right = await RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);
        await using var final = await RunAsync("status");

        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal(2, share.Stdout.Count);
        Assert.StartsWith("PIN protection: relay-assisted.", Lines(share.Stderr)[0], StringComparison.Ordinal);
        Assert.Contains("tigress status reports every wrong PIN", Lines(share.Stderr)[0], StringComparison.Ordinal);
        Assert.Equal(WrongPinExit, await wrong.ExitAsync());
        Assert.Matches("^[0-9a-f]{12}: a wrong PIN was tried; 2 tries left\\.$", Assert.Single(Lines(afterWrong.Stderr)));
        Assert.Contains("  wrong PIN — 2 guesses left; expires ", Assert.Single(afterWrong.Stdout), StringComparison.Ordinal);

        // The second status reports the guess as part of the state, not as news.
        var record = JsonDocument.Parse(Assert.Single(quiet.Stdout)).RootElement;
        Assert.Equal("wrong-pin", record.GetProperty("state").GetString());
        Assert.Equal(2, record.GetProperty("guessesLeft").GetInt32());
        Assert.Equal(0, record.GetProperty("events").GetArrayLength());
        Assert.Empty(Lines(quiet.Stderr));

        Assert.Equal(0, await right.ExitAsync());
        Assert.Equal("pin and away", await File.ReadAllTextAsync(output));
        Assert.Equal(0, await final.ExitAsync());
        Assert.Contains("  received (after 1 wrong PIN); ", Assert.Single(final.Stdout), StringComparison.Ordinal);
        Assert.Empty(Lines(final.Stderr));
        Assert.Empty(StateFiles());
    }

    [Fact]
    public async Task PinDetach_WrongPinThenTheRightOne_OneLaterStatusReportsTheGuessAndReceived()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "told on return", "--pin", "--detach");
        var (link, pin) = (share.Stdout[0], share.Stdout[1]["PIN: ".Length..]);
        await using var wrong = await RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await using var right = await RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);
        await using var status = await RunAsync("status");

        Assert.Equal(WrongPinExit, await wrong.ExitAsync());
        Assert.Equal(0, await right.ExitAsync());
        Assert.Equal("told on return", await File.ReadAllTextAsync(output));
        Assert.Equal(0, await status.ExitAsync());
        Assert.Matches("^[0-9a-f]{12}: a wrong PIN was tried; 2 tries left\\.$", Assert.Single(Lines(status.Stderr)));
        Assert.Contains("  received (after 1 wrong PIN); ", Assert.Single(status.Stdout), StringComparison.Ordinal);
        Assert.Empty(StateFiles());
    }

    [Fact]
    public async Task PinDetach_WrongPinsUntilTheLock_StatusReportsEveryGuessAndLocked()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "locked away", "--pin", "--pin-guesses", "2", "--detach");
        var (link, pin) = (share.Stdout[0], share.Stdout[1]["PIN: ".Length..]);
        await using var first = await RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await using var second = await RunAsync("receive", "--yes", link, "--pin", Other(Other(pin)));
        await using var status = await RunAsync("status", "--json");
        await using var late = await RunAsync("receive", "--yes", link, "--pin", pin);

        Assert.Equal(WrongPinExit, await first.ExitAsync());
        Assert.Equal(WrongPinExit, await second.ExitAsync());
        Assert.Equal(0, await status.ExitAsync());
        var record = JsonDocument.Parse(Assert.Single(status.Stdout)).RootElement;
        Assert.Equal("locked", record.GetProperty("state").GetString());
        Assert.Equal("locked after too many wrong PINs (2)", record.GetProperty("description").GetString());
        Assert.Equal(
            [1, 0],
            record.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("event").GetString() == "pin-failed").Select(e => e.GetProperty("guessesLeft").GetInt32()));
        Assert.False(record.TryGetProperty("file", out _));
        Assert.Empty(StateFiles());
        Assert.NotEqual(0, await late.ExitAsync());
        Assert.Empty(late.Stdout);
    }

    [Fact]
    public async Task SharePinKilledWithSigkill_StatusReportsTheShare_ThenItsWrongPinAndItsEnd()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "killed midway", "--pin");
        var link = await share.FirstLineAsync();
        var pin = (await LineAsync(share, 1))["PIN: ".Length..];
        await using var running = await RunAsync("status");
        await share.SignalAsync("KILL");
        Assert.NotEqual(0, await share.ExitAsync());
        await using var orphan = await RunAsync("status", link);
        await using var wrong = await RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await using var right = await RunAsync("receive", "--yes", link, "--pin", pin, "--out", output);
        await using var final = await RunAsync("status");

        Assert.Contains("; tigress share is running it (process ", Assert.Single(running.Stdout), StringComparison.Ordinal);
        Assert.Equal(0, await orphan.ExitAsync());
        Assert.Contains("State:      waiting to be opened", orphan.Stdout, StringComparer.Ordinal);
        Assert.Contains(orphan.Stdout, l => l.StartsWith("PIN:        relay-assisted: 3 of 3 guesses left", StringComparison.Ordinal));
        Assert.Equal(WrongPinExit, await wrong.ExitAsync());
        Assert.Equal(0, await right.ExitAsync());
        Assert.Equal("killed midway", await File.ReadAllTextAsync(output));
        Assert.Matches("^[0-9a-f]{12}: a wrong PIN was tried; 2 tries left\\.$", Assert.Single(Lines(final.Stderr)));
        Assert.Contains("  received (after 1 wrong PIN); ", Assert.Single(final.Stdout), StringComparison.Ordinal);
        Assert.Empty(StateFiles());
    }

    [Fact]
    public async Task CarKeyDetached_TheWaitingRecipientIsFinishedByStatus()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = await RunAsync(
            "share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "WVWZZZ1JZXW000002", "--vertical", "c", "--format", "digitalwallet.carkey.ccc", "--detach", "--json");
        var link = JsonDocument.Parse(share.Stdout[0]).RootElement.GetProperty("url").GetString()!;
        var detached = JsonDocument.Parse(share.Stdout[1]).RootElement;

        // The recipient answers the offer and then waits for the sender, who is away.
        await using var receive = Start("receive", "--yes", link, "--out", output, "--json");
        await WaitForAsync(() => receive.Stdout.Any(l => l.Contains("\"event\":\"sent\"", StringComparison.Ordinal)));
        await using var status = await RunAsync("status");

        Assert.Equal("detached", detached.GetProperty("event").GetString());
        Assert.Equal(Path.Combine(StateFolder, detached.GetProperty("id").GetString() + ".json"), detached.GetProperty("file").GetString());
        Assert.Equal(0, await receive.ExitAsync());
        using var key = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        Assert.True(key.RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal(0, await status.ExitAsync());
        Assert.Equal($"{detached.GetProperty("id").GetString()}  received; \"A shared car key\"", Assert.Single(status.Stdout));
        Assert.Empty(StateFiles());
    }

    [Fact]
    public async Task Spake2PinDetached_SaysTheSenderMustComeBack_AndStatusTakesTheRecipientPastThePin()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "checked on return", "--pin-spake2", "--detach");
        var (link, pin) = (share.Stdout[0], share.Stdout[1]["PIN: ".Length..]);
        await using var receive = Start("receive", "--yes", link, "--pin", pin, "--out", output, "--json");

        // The recipient has sent its answer to the PIN step and waits: nobody is there to check it.
        await WaitForAsync(() => receive.Stdout.Any(l => l.Contains("\"format\":\"tigress.pin.answer\"", StringComparison.Ordinal)));
        var waitingForTheSender = !File.Exists(output) && receive.Stdout.All(l => !l.Contains("\"event\":\"pin-matched\"", StringComparison.Ordinal));
        await using var status = await RunAsync("status");

        Assert.Contains("until you come back and run tigress status", Lines(share.Stderr)[0], StringComparison.Ordinal);
        Assert.True(waitingForTheSender, "the recipient got past the SPAKE2 PIN step with no sender to check it");
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal("checked on return", await File.ReadAllTextAsync(output));
        Assert.Contains("  received; ", Assert.Single(status.Stdout), StringComparison.Ordinal);
        Assert.Empty(StateFiles());
    }

    [Fact]
    public async Task ShareResume_ContinuesInTheForeground_AndCancelLeavesItToThatProcess()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "picked up again", "--detach", "--json");
        var link = JsonDocument.Parse(share.Stdout[0]).RootElement.GetProperty("url").GetString()!;
        var id = JsonDocument.Parse(share.Stdout[1]).RootElement.GetProperty("id").GetString()!;
        await using var resumed = Start("share", "--resume", id, "--json");
        await WaitForAsync(() => resumed.Stdout.Any(l => l.Contains("\"event\":\"waiting\"", StringComparison.Ordinal)));
        await using var cancel = await RunAsync("cancel", link);
        await using var receive = await RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(13, await cancel.ExitAsync());
        Assert.Contains("is running the share " + id, Assert.Single(Lines(cancel.Stderr)), StringComparison.Ordinal);
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await resumed.ExitAsync());
        Assert.Equal("picked up again", await File.ReadAllTextAsync(output));
        Assert.Equal("completed", JsonDocument.Parse(resumed.Stdout[^1]).RootElement.GetProperty("event").GetString());
        Assert.Empty(StateFiles());
    }

    [Fact]
    public async Task TwoStatusRunsAtOnce_LeaveTheStateFileWhole()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "checked twice", "--pin", "--detach");
        var (link, pin) = (share.Stdout[0], share.Stdout[1]["PIN: ".Length..]);
        await using var wrong = await RunAsync("receive", "--yes", link, "--pin", Other(pin));
        await using var one = Start("status", "--json");
        await using var two = Start("status", "--json");
        await Task.WhenAll(one.ExitAsync(), two.ExitAsync());
        await using var third = await RunAsync("status", "--json");

        Assert.Equal(0, await one.ExitAsync());
        Assert.Equal(0, await two.ExitAsync());
        var reports = new[] { one, two }.Select(s => JsonDocument.Parse(Assert.Single(s.Stdout)).RootElement).ToList();
        Assert.All(reports, r => Assert.Equal("wrong-pin", r.GetProperty("state").GetString()));

        // The guess is news to exactly one of the two.
        Assert.Equal(1, reports.Sum(r => r.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("event").GetString() == "pin-failed")));
        var record = JsonDocument.Parse(Assert.Single(third.Stdout)).RootElement;
        Assert.Equal(2, record.GetProperty("guessesLeft").GetInt32());
        Assert.Equal(0, record.GetProperty("events").GetArrayLength());
        Assert.Single(StateFiles());
    }

    [Fact]
    public async Task CorruptTruncatedOrForeignStateFile_OneLineNamingTheFile()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "damaged", "--detach");
        var link = share.Stdout[0];
        var file = Assert.Single(StateFiles());
        var whole = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, whole[..(whole.Length / 2)]);
        await using var truncated = await RunAsync("status");
        await File.WriteAllTextAsync(file, "{\"relay\": \"https://example.com/\"}");
        await using var foreign = await RunAsync("cancel", link);
        await File.WriteAllTextAsync(file, "");
        await using var empty = await RunAsync("share", "--resume", link);

        foreach (var (run, why) in new[] { (truncated, "is damaged (not valid JSON"), (foreign, "is not a tigress share state"), (empty, "is damaged (empty)") })
        {
            Assert.Equal(StateFileUnusableExit, await run.ExitAsync());
            var line = Assert.Single(Lines(run.Stderr));
            Assert.Contains($"state file {file} {why}", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.Empty(run.Stdout);
        }
    }

    [Fact]
    public async Task StateFileReadableByOthers_IsNarrowedTo0600_WithAWarning()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = await RunAsync("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "too open", "--detach");
        var file = Assert.Single(StateFiles());
        File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var status = await RunAsync("status");

        Assert.Equal(0, await status.ExitAsync());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(
            $"The state file {file} could be read by other users (mode 0644); tigress set it to 0600. It holds the link: if others use this account or computer, cancel the share (tigress cancel) and share again.",
            Assert.Single(Lines(status.Stderr)));
        Assert.Single(status.Stdout);
    }

    private TigressProcess Start(params string[] arguments) =>
        TigressProcess.Start(new Dictionary<string, string?> { ["XDG_STATE_HOME"] = _stateHome }, arguments);

    private async Task<TigressProcess> RunAsync(params string[] arguments)
    {
        var run = Start(arguments);
        await run.ExitAsync();
        return run;
    }

    private string[] StateFiles() => Directory.Exists(StateFolder) ? Directory.GetFiles(StateFolder, "*.json") : [];

    private static async Task<string> LineAsync(TigressProcess process, int index)
    {
        await WaitForAsync(() => process.Stdout.Count > index);
        return process.Stdout[index];
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    // Another PIN of the same length: the first digit changed (twice over gives a third PIN).
    private static string Other(string pin) => (char)('0' + ((pin[0] - '0' + 1) % 10)) + pin[1..];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-e2e-{Guid.NewGuid():N}");
}

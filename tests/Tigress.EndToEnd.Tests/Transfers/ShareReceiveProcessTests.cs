using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary>
/// <c>tigress share</c> and <c>tigress receive</c> as two separate processes, talking through <c>tigress relay</c>
/// as a third, all on loopback.
/// </summary>
public sealed class ShareReceiveProcessTests
{
    [Fact]
    public async Task ShareText_ReceiveOut_MovesTextIntoFile_AndSecondReceiveSaysAlreadyClaimed()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();
        const string text = "Garage code 2468, valid until Sunday";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text);
        var link = await share.FirstLineAsync();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--out", output);
        var shareExit = await share.ExitAsync();
        await using var second = await TigressProcess.RunAsync("receive", "--yes", link, "--out", TempFile());

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, shareExit);
        Assert.Equal(text, await File.ReadAllTextAsync(output));
        Assert.StartsWith(relay.BaseUri.AbsoluteUri + "v1/m/", link, StringComparison.Ordinal);
        Assert.Equal(link, share.Stdout[0]);
        Assert.Equal(4, await second.ExitAsync());
        var reason = Assert.Single(Lines(second.Stderr));
        Assert.Contains("already claimed", reason, StringComparison.Ordinal);
        Assert.Empty(Lines(share.Stderr));
    }

    [Fact]
    public async Task ShareFileDash_PipedBytes_ArriveUnchanged()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();
        byte[] content = [.. "piped\r\n"u8.ToArray(), 0x00, 0xFE, (byte)'\n'];

        await using var share = TigressProcess.StartWithInput(content, "share", "--relay", relay.BaseUri.AbsoluteUri, "--file", "-");
        var link = await share.FirstLineAsync();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--out", output);

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal(content, await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task ShareCarKey_Receive_CompletesThreeMessageFlowWithSignatureVerified()
    {
        await using var relay = await RelayProcess.StartAsync();
        var output = TempFile();

        await using var share = TigressProcess.Start(
            "share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "WVWZZZ1JZXW000002", "--vertical", "c", "--format", "digitalwallet.carkey.ccc", "--json");
        var shared = JsonDocument.Parse(await share.FirstLineAsync()).RootElement;
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", shared.GetProperty("url").GetString()!, "--out", output, "--json");

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal("shared", shared.GetProperty("event").GetString());
        var sent = share.Stdout.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetString() == "sent").ToList();
        var received = share.Stdout.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetString() == "received").ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(["digitalwallet.carkey.ccc", "tigress.control.complete"], received.Select(e => e.GetProperty("format").GetString()));
        using var key = JsonDocument.Parse(await File.ReadAllBytesAsync(output));
        Assert.True(key.RootElement.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal("WVWZZZ1JZXW000002", key.RootElement.GetProperty("vehicleId").GetString());
    }

    [Fact]
    public async Task RelayDataFolder_NeverHoldsThePlaintextOrTheSecret()
    {
        await using var relay = await RelayProcess.StartAsync();
        const string text = "PLAINTEXT-e2e-5b7d91";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text);
        var link = await share.FirstLineAsync();
        var secret = link[(link.IndexOf('#') + 1)..];
        var whileOpen = ReadAll(relay.DataDirectory);
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link, "--out", TempFile());
        await share.ExitAsync();
        var afterwards = ReadAll(relay.DataDirectory);

        Assert.Equal(0, await receive.ExitAsync());
        var key = Base64Url.DecodeFromChars(secret);
        foreach (var data in new[] { whileOpen, afterwards })
        {
            Assert.True(data.Length > 0, "the relay wrote nothing to its data folder");
            Assert.False(Contains(data, Encoding.UTF8.GetBytes(text)), "plaintext in the relay's data folder");
            Assert.False(Contains(data, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)))), "base64 plaintext in the relay's data folder");
            Assert.False(Contains(data, Encoding.UTF8.GetBytes(secret)), "secret in the relay's data folder");
            Assert.False(Contains(data, Encoding.UTF8.GetBytes(Convert.ToBase64String(key))), "base64 secret in the relay's data folder");
            Assert.False(Contains(data, key), "raw key in the relay's data folder");
        }

        Assert.DoesNotContain(secret, relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_OnShare_CancelsTheShareBeforeExiting()
    {
        Assert.False(SigIntIgnored(), "SIGINT is ignored in this test process (started in the background without job control?), so a child cannot be interrupted; run the tests in the foreground.");
        await using var relay = await RelayProcess.StartAsync();

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", "changed my mind");
        var link = await share.FirstLineAsync();
        await Task.Delay(500);
        await share.InterruptAsync();
        var exit = await share.ExitAsync();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link);

        Assert.Equal(130, exit);
        Assert.Contains("cancelled", Assert.Single(Lines(share.Stderr)), StringComparison.Ordinal);
        Assert.Equal(4, await receive.ExitAsync());
        Assert.Empty(receive.Stdout);
    }

    [Fact]
    public async Task Receive_RelayUnreachable_OneLineNoStackTrace()
    {
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}/v1/m/4b1d2c6e-2a8e-4f4b-9a51-0a4a6f9d8e11#AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(6, await receive.ExitAsync());

        // One reason, last; before it at most the line that says the relay has not answered yet (its retries take a while).
        var lines = Lines(receive.Stderr);
        Assert.Contains("could not be reached", lines[^1], StringComparison.Ordinal);
        Assert.All(lines[..^1], l => Assert.StartsWith("No answer from the relay yet; still trying.", l, StringComparison.Ordinal));
        Assert.True(lines.Length <= 2, receive.Stderr);
        Assert.DoesNotContain("   at ", receive.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAAAA", receive.Stderr, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"tigress-e2e-{Guid.NewGuid():N}");

    private static bool SigIntIgnored()
    {
        // /proc/self/status SigIgn: a hex mask; SIGINT is signal 2, bit 1.
        const string path = "/proc/self/status";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }

    private static byte[] ReadAll(string folder)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(all);
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

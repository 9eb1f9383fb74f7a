using System.Text;
using Tigress.Cli.Commands;
using Tigress.Cli.Tests.TestServices;
using System.Text.Json;
using Tigress.Client;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>
/// A shared file carries its name; <c>receive</c> without <c>--out</c> saves it under that name in the current
/// folder only when the name is safe and free, and never writes binary content to a terminal.
/// </summary>
public sealed class ReceiveFileNameTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>, IDisposable
{
    private readonly string _sent = TemporaryFolder.Create("cli-sent");
    private readonly string _here = TemporaryFolder.Create("cli-here");

    private LoopbackRelay Relay => fixture.Relay;

    public void Dispose()
    {
        TemporaryFolder.Delete(_sent);
        TemporaryFolder.Delete(_here);
    }

    [Fact]
    public async Task ShareFile_ReceiveWithoutOut_SavesItUnderItsNameInTheCurrentFolder()
    {
        var file = Path.Combine(_sent, "garage-code.txt");
        await File.WriteAllTextAsync(file, "2468");
        var (share, link) = await CliRun.ShareAsync(Relay, "--file", file);

        var receive = await Receive(link);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal("2468", await File.ReadAllTextAsync(Path.Combine(_here, "garage-code.txt")));
        Assert.Equal(["garage-code.txt"], Directory.GetFileSystemEntries(_here).Select(Path.GetFileName));
        Assert.Empty(receive.Console.RawOutput);
        Assert.Empty(receive.Console.ErrorLines);
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ShareFile_NameExistsHere_NeverReplacedAndTheCredentialIsKeptAside()
    {
        var file = Path.Combine(_sent, "notes.txt");
        await File.WriteAllTextAsync(file, "the new notes");
        await File.WriteAllTextAsync(Path.Combine(_here, "notes.txt"), "my own notes");
        var (share, link) = await CliRun.ShareAsync(Relay, "--file", file);

        var receive = await Receive(link);

        Assert.Equal(ExitCodes.InvalidUsage, await receive.Exit);
        Assert.Equal("my own notes", await File.ReadAllTextAsync(Path.Combine(_here, "notes.txt")));
        var line = Assert.Single(receive.Console.ErrorLines);
        Assert.StartsWith("tigress receive: the sender named the file 'notes.txt', which exists here and is never replaced: saved it as '", line, StringComparison.Ordinal);
        Assert.Contains("--out FILE", line, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(_here, "tigress-received-*"));
        Assert.Contains(kept, line, StringComparison.Ordinal);
        Assert.Equal("the new notes", await File.ReadAllTextAsync(kept));
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("../escape.txt", "path separator")]
    [InlineData("/etc/cron.d/job", "path separator")]
    [InlineData("..\\escape.txt", "path separator")]
    [InlineData("..", "names a folder")]
    [InlineData(".bashrc", "hidden file")]
    [InlineData("bell\a.txt", "control characters")]
    [InlineData("esc\u001b]0;title\a", "control characters")]
    [InlineData("rtl\u202etxt.exe", "control characters")]
    [InlineData("line\u2028break.txt", "control characters")]
    [InlineData("paragraph\u2029break.txt", "control characters")]
    [InlineData("zero\u200bwidth.txt", "control characters")]
    [InlineData("-rf", "starts with '-'")]
    [InlineData("--help.txt", "starts with '-'")]
    [InlineData("CON", "reserve")]
    [InlineData("nul.txt", "reserve")]
    [InlineData("trailing.", "reserve")]
    public async Task SenderNamesAnUnsafeFile_RefusedWithOneLineAndKeptAside(string name, string reason)
    {
        // A sender with its own client can write any name into the message; the CLI's share only sends base names.
        var link = await ShareWithNameAsync(name, "payload");

        var receive = await Receive(link);

        Assert.Equal(ExitCodes.InvalidUsage, await receive.Exit);
        var line = Assert.Single(receive.Console.ErrorLines);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
        Assert.DoesNotContain('\a', line);
        var kept = Assert.Single(Directory.GetFileSystemEntries(_here));
        Assert.StartsWith("tigress-received-", Path.GetFileName(kept), StringComparison.Ordinal);
        Assert.Equal("payload", await File.ReadAllTextAsync(kept));
        Assert.False(File.Exists(Path.Combine(_sent, "escape.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_here)!, "escape.txt")));
    }

    [Theory]
    [InlineData(251)]
    [InlineData(255)]
    public async Task SenderNamesALongFile_UpToWhatFileSystemsTake_SavedUnderThatName(int bytes)
    {
        // Three-byte characters, so a name cut by characters instead of bytes would still be too long.
        var name = new string('\u8ECA', (bytes - 4) / 3) + new string('a', (bytes - 4) % 3) + ".txt";
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(name));
        var link = await ShareWithNameAsync(name, "long");

        var receive = await Receive(link);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Empty(receive.Console.ErrorLines);
        Assert.Equal([name], Directory.GetFileSystemEntries(_here).Select(Path.GetFileName));
        Assert.Equal("long", await File.ReadAllTextAsync(Path.Combine(_here, name)));
    }

    [Theory]
    [InlineData("notes.txt", "File:        'notes.txt', to be saved in the current folder")]
    [InlineData("-rf", "File:        '-rf', which starts with '-' and would read as an option to other commands: it will be saved under a new tigress-received-... name instead")]
    [InlineData("line\u2028break.txt", "File:        'line break.txt', which holds invisible or control characters: it will be saved under a new tigress-received-... name instead")]
    public async Task Receive_OnATerminal_TheOfferShowsTheFileNameBeforeAsking(string name, string shown)
    {
        var link = await ShareWithNameAsync(name, "payload");

        var receive = CliRun.Start(["receive", link], confirm: "n", currentDirectory: _here);

        Assert.Equal(ExitCodes.ExpiredOrCancelled, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(shown, receive.Console.Messages);
        var screen = receive.Console.Screen;
        Assert.True(screen.ToList().FindIndex(l => l.StartsWith("File:", StringComparison.Ordinal)) < screen.ToList().FindIndex(l => l.StartsWith("accept?", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFileSystemEntries(_here));
    }

    [Fact]
    public async Task Receive_WithOut_TheOfferDoesNotPretendToUseTheSendersName()
    {
        var link = await ShareWithNameAsync("notes.txt", "payload");

        var receive = CliRun.Start(["receive", link, "--out", Path.Combine(_here, "mine.txt")], confirm: "y", currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(receive.Console.Messages, m => m.StartsWith("File:", StringComparison.Ordinal));
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(_here).Select(Path.GetFileName));
    }

    [Fact]
    public async Task BinaryText_ToATerminal_NeverWrittenThereSavedAndSaysHow()
    {
        byte[] binary = [0x1b, (byte)'[', (byte)'2', (byte)'J', 0, 255, 1];
        var link = await ShareWithNameAsync(null, binary);

        var receive = CliRun.Start(["receive", "--yes", link], outputTerminal: true, currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Empty(receive.Console.RawOutput);
        var line = Assert.Single(receive.Console.ErrorLines);
        Assert.Contains("binary, or holds control characters", line, StringComparison.Ordinal);
        Assert.Contains("--out FILE", line, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(_here));
        Assert.Contains(kept, line, StringComparison.Ordinal);
        Assert.Equal(binary, await File.ReadAllBytesAsync(kept));
    }

    [Theory]
    [InlineData("real-secret\rFAKE")]
    [InlineData("real-secret\r")]
    [InlineData("line one\r\nreal-secret\r\rFAKE\r\n")]
    public async Task TextWithABareCarriageReturn_ToATerminal_NeverWrittenThere_SavedAsIs(string text)
    {
        var link = await ShareWithNameAsync(null, text);

        var receive = CliRun.Start(["receive", "--yes", link], outputTerminal: true, currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Empty(receive.Console.RawOutput);
        var line = Assert.Single(receive.Console.ErrorLines);
        Assert.Contains("carriage return", line, StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_here))));
    }

    [Theory]
    [InlineData("line one\r\nline two\r\n")]
    [InlineData("tab\tseparated\nlines\n")]
    public async Task TextWithWindowsLineEndings_ToATerminal_WrittenAsIs(string text)
    {
        var link = await ShareWithNameAsync(null, text);

        var receive = CliRun.Start(["receive", "--yes", link], outputTerminal: true, currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(text, Encoding.UTF8.GetString(receive.Console.RawOutput));
        Assert.Empty(receive.Console.ErrorLines);
        Assert.Empty(Directory.GetFileSystemEntries(_here));
    }

    [Fact]
    public async Task TextWithABareCarriageReturn_ToAPipe_WrittenAsIs()
    {
        var link = await ShareWithNameAsync(null, "real-secret\rFAKE");

        var receive = CliRun.Start(["receive", "--yes", link], outputTerminal: false, currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("real-secret\rFAKE", Encoding.UTF8.GetString(receive.Console.RawOutput));
    }

    [Fact]
    public async Task Binary_ToAPipe_WrittenAsIs()
    {
        byte[] binary = [0, 255, 1, 0x1b];
        var link = await ShareWithNameAsync(null, binary);

        var receive = CliRun.Start(["receive", "--yes", link], outputTerminal: false, currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(binary, receive.Console.RawOutput);
        Assert.Empty(Directory.GetFileSystemEntries(_here));
    }

    [Theory]
    [InlineData("no newline", "no newline\n")]
    [InlineData("one newline\n", "one newline\n")]
    public async Task Text_ToATerminal_EndsWithANewline(string text, string shown)
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", text);

        var terminal = CliRun.Start(["receive", "--yes", link], outputTerminal: true, currentDirectory: _here);

        Assert.Equal(ExitCodes.Success, await terminal.Exit.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(shown, Encoding.UTF8.GetString(terminal.Console.RawOutput));
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Text_ToAPipe_ByteForByte()
    {
        var (share, link) = await CliRun.ShareAsync(Relay, "--text", "no newline");

        var piped = await CliRun.RunAsync("receive", "--yes", link);

        Assert.Equal("no newline"u8.ToArray(), piped.Console.RawOutput);
        await share.Exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ReceiveHelp_NamesForceNotOverwrite()
    {
        var cli = await CliRun.RunAsync("receive", "--help");

        Assert.Contains("--force", cli.HelpOutput.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("--overwrite", cli.HelpOutput.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", true)]
    [InlineData("Rapport d'été 2026.pdf", true)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("COM1.log", false)]
    public void Problem_AcceptsPlainNamesOnly(string name, bool safe) => Assert.Equal(safe, ReceivedFile.Problem(name) is null);

    private async Task<CliRun> Receive(string link)
    {
        var receive = CliRun.Start(["receive", "--yes", link], currentDirectory: _here);
        await receive.Exit.WaitAsync(TimeSpan.FromSeconds(60));
        return receive;
    }

    // A share made with the SDK directly, so the test controls the name the message carries.
    private async Task<string> ShareWithNameAsync(string? name, string text) => await ShareWithNameAsync(name, Encoding.UTF8.GetBytes(text));

    private async Task<string> ShareWithNameAsync(string? name, byte[] content)
    {
        ICredentialVertical vertical = name is null ? new AuthorizationTokenVertical() : new RawNameVertical(name);
        var share = await TransferSession.ShareAsync(
            new TigressClient(),
            new ShareRequest
            {
                RelayUri = Relay.BaseUri,
                Format = AuthorizationTokenVertical.FormatName,
                Content = content,
                DisplayInformation = new DisplayInformation("t", "d", new Uri("https://tigress.invalid/i.png")),
            },
            new TransferSessionOptions { Verticals = [vertical] });
        using var link = await share.GetLinkAsync();
        _ = share.RunAsync().ContinueWith(_ => share.Dispose(), TaskScheduler.Default);
        return link.Reveal();
    }

    /// <summary>The generic vertical's message with any name at all, as a hostile or careless sender might write it.</summary>
    private sealed class RawNameVertical(string name) : ICredentialVertical
    {
        public string Format => AuthorizationTokenVertical.FormatName;

        public ShareVertical ShareVertical => ShareVertical.GeneralAccess;

        public ValueTask<VerticalStep> BeginAsync(VerticalContext context, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteBase64String("token", content.Span);
                writer.WriteString("name", name);
                writer.WriteEndObject();
            }

            var body = JsonDocument.Parse(buffer.ToArray()).RootElement;
            return ValueTask.FromResult(VerticalStep.SendAndComplete(new ProvisioningInformation(Format, body)));
        }

        public ValueTask<VerticalStep> HandleAsync(VerticalContext context, ProvisioningInformation message, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

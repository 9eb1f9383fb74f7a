using System.Text.Json;
using Tigress.Cli.Configuration;
using Tigress.Cli.State;
using Tigress.Client.Transfers;
using Tigress.Protocol;
using Tigress.Testing;

namespace Tigress.Cli.Tests.State;

/// <summary>The state folder of the shares left running: where it is, its modes, whole files under concurrent
/// writers, the lock, and one plain error naming the file for anything that is not a state file of ours.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShareStateStoreTests : IDisposable
{
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Folder700 = File600 | UnixFileMode.UserExecute;

    // A share link as a relay hands it out, and the mailbox state of its sender.
    private const string Link = "http://127.0.0.1:18931/v1/m/5d963212-2dc1-4bd7-9cc5-555519df5c93?v=a#rjdQ1SzOHDueMWCR1gTkeg";

    private readonly string _root = TemporaryFolder.Create("state-store");
    private readonly List<string> _warnings = [];

    private string Folder => Path.Combine(_root, "tigress");

    public void Dispose() => TemporaryFolder.Delete(_root);

    [Fact]
    public void FolderOf_AbsoluteXdgStateHome_ElseHome_ARelativeOneIsIgnored()
    {
        Assert.Equal("/x/state/tigress", ShareStateStore.FolderOf(Environment(("XDG_STATE_HOME", "/x/state"), ("HOME", "/home/a"))));
        Assert.Equal("/home/a/.local/state/tigress", ShareStateStore.FolderOf(Environment(("XDG_STATE_HOME", "relative/state"), ("HOME", "/home/a"))));
        Assert.Equal("/home/a/.local/state/tigress", ShareStateStore.FolderOf(Environment(("HOME", "/home/a"))));
    }

    [Fact]
    public void Prepare_CreatesTheFolder0700_AndNarrowsOneOthersMayRead()
    {
        var store = new ShareStateStore(Path.Combine(_root, "new", "parents", "tigress"));
        store.Prepare(_warnings.Add);
        var created = File.GetUnixFileMode(store.Folder);
        File.SetUnixFileMode(store.Folder, Folder700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        store.Prepare(_warnings.Add);

        Assert.Equal(Folder700, created);
        Assert.Equal(Folder700, File.GetUnixFileMode(store.Folder));
        Assert.Equal($"The folder {store.Folder} could be read by other users (mode 0755); tigress set it to 0700.", Assert.Single(_warnings));
    }

    [Fact]
    public void Write_CreatesTheFile0600_AndReadGivesItBack_WithNothingElseLeft()
    {
        var store = Prepared();
        var record = Record(ShareStateStore.IdOf(TigressLink.Parse(Link)));

        store.Write(record);
        var read = store.Read(record.Id!, _warnings.Add);

        Assert.Equal(File600, File.GetUnixFileMode(store.PathOf(record.Id!)));
        Assert.Equal([record.Id + ".json"], Directory.GetFiles(store.Folder).Select(Path.GetFileName));
        Assert.Equal(record.Title, read.Title);
        Assert.Equal(TransferRole.Initiator, TransferState.FromJson(read.Transfer.GetRawText()).Role);
        Assert.Equal([record.Id!], store.Ids());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Read_AFileOthersMayRead_IsNarrowedTo0600WithAWarningNamingIt()
    {
        var store = Prepared();
        var record = Record("0123456789ab");
        store.Write(record);
        var path = store.PathOf(record.Id!);
        File.SetUnixFileMode(path, File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        store.Read(record.Id!, _warnings.Add);

        Assert.Equal(File600, File.GetUnixFileMode(path));
        Assert.StartsWith($"The state file {path} could be read by other users (mode 0644); tigress set it to 0600.", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated", "is damaged (not valid JSON")]
    [InlineData("empty", "is damaged (empty)")]
    [InlineData("foreign", "is not a tigress share state")]
    [InlineData("newer", "was written by a newer tigress (version 2)")]
    [InlineData("renamed", "is damaged (its id is not its name)")]
    [InlineData("recipient", "is damaged (it is a recipient's state)")]
    [InlineData("no-transfer", "is damaged (no resumable state in it)")]
    public void Read_AnythingButAStateFileOfOurs_IsOnePlainErrorNamingTheFile(string kind, string why)
    {
        var store = Prepared();
        const string id = "0123456789ab";
        var record = Record(id);
        store.Write(record);
        var path = store.PathOf(id);
        var whole = File.ReadAllBytes(path);
        switch (kind)
        {
            case "truncated":
                File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "foreign":
                File.WriteAllText(path, "{\"relay\": \"https://relay.example/\"}");
                break;
            case "newer":
                record.Version = 2;
                store.Write(record);
                break;
            case "renamed":
                record.Id = "ba9876543210";
                File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(record, ShareStateJsonContext.Default.ShareStateFile));
                break;
            case "recipient":
                record.Transfer = Transfer("Recipient");
                store.Write(record);
                break;
            case "no-transfer":
                record.Transfer = JsonDocument.Parse("\"nothing\"").RootElement.Clone();
                store.Write(record);
                break;
        }

        var failure = Assert.Throws<ShareStateException>(() => store.Read(id, _warnings.Add));

        Assert.Equal(ExitCodes.StateFileUnusable, failure.ExitCode);
        Assert.StartsWith($"state file {path} {why}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void Read_AShareNotSaved_IsUnknown()
    {
        var failure = Assert.Throws<ShareStateException>(() => Prepared().Read("0123456789ab", _warnings.Add));

        Assert.Equal(ExitCodes.UnknownShare, failure.ExitCode);
    }

    [Fact]
    public void IdFor_TheLinkOrItsId_NamesTheSavedShare_AnythingElseIsUnknownOrNotALink()
    {
        var store = Prepared();
        using var link = TigressLink.Parse(Link);
        var id = ShareStateStore.IdOf(link);
        store.Write(Record(id));

        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Equal(id, store.IdFor("  " + Link + "\n"));
        Assert.Equal(id, store.IdFor(id));
        Assert.Equal(ExitCodes.UnknownShare, Assert.Throws<ShareStateException>(() => store.IdFor("ffffffffffff")).ExitCode);
        var other = Assert.Throws<ShareStateException>(() => store.IdFor(Link.Replace("rjdQ", "rjdR", StringComparison.Ordinal)));
        Assert.Contains("no share with this link is saved on this computer", other.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rjdR", other.Message, StringComparison.Ordinal);
        Assert.Throws<TigressProtocolException>(() => store.IdFor("not a link"));
    }

    [Fact]
    public async Task Lock_IsExclusiveAcrossOpens_UntilReleased()
    {
        var store = Prepared();

        var first = await store.TryLockAsync("0123456789ab", TimeSpan.Zero, () => false, CancellationToken.None);
        var second = await store.TryLockAsync("0123456789ab", TimeSpan.FromMilliseconds(300), () => false, CancellationToken.None);
        first!.Dispose();
        using var third = await store.TryLockAsync("0123456789ab", TimeSpan.Zero, () => false, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
        Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(store.Folder, "0123456789ab.lock")));
    }

    [Fact]
    public async Task ConcurrentWriters_AReaderAlwaysFindsAWholeFile()
    {
        var store = Prepared();
        const string id = "0123456789ab";
        store.Write(Record(id));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Two writers with files of different sizes, and a reader, 200 rounds each at most.
        var writers = new[] { "short", new string('x', 20_000) }.Select(title => Task.Run(() =>
        {
            var record = Record(id);
            record.Title = title;
            for (var i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                store.Write(record);
            }
        })).ToList();
        var titles = new HashSet<string>();
        for (var i = 0; i < 200 && !stop.IsCancellationRequested; i++)
        {
            titles.Add(store.Read(id, _warnings.Add).Title!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Task.WhenAll(writers);

        Assert.Subset(new HashSet<string> { "5", "20000", "A shared credential".Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, titles);
        Assert.Equal([id + ".json"], Directory.GetFiles(store.Folder).Select(Path.GetFileName));
    }

    private ShareStateStore Prepared()
    {
        var store = new ShareStateStore(Folder);
        store.Prepare(_warnings.Add);
        return store;
    }

    private static ShareStateFile Record(string id) => new()
    {
        Kind = ShareStateFile.FileKind,
        Version = ShareStateFile.CurrentVersion,
        Id = id,
        SharedAt = DateTimeOffset.UtcNow,
        Relay = "http://127.0.0.1:18931/",
        Title = "A shared credential",
        Transfer = Transfer("Initiator"),
    };

    // The smallest mailbox state the SDK resumes; the test asserts through TransferState that it reads it.
    private static JsonElement Transfer(string role) => JsonDocument.Parse(
        $$"""{"version":1,"binding":"Mailbox","role":"{{role}}","status":"Active","relayUri":"http://127.0.0.1:18931/","key":"rjdQ1SzOHDueMWCR1gTkeg","claim":"{{Guid.NewGuid()}}"}""")
        .RootElement.Clone();

    private static CliEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value);
}

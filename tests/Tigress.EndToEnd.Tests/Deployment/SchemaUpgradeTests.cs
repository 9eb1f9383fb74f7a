using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Deployment;

/// <summary>An upgrade: the current relay opens a database from each earlier schema version kept in
/// tests/fixtures, migrates it, and serves every mailbox in it.</summary>
public sealed class SchemaUpgradeTests : IDisposable
{
    private readonly string _data = TemporaryFolder.Create("upgrade");

    public void Dispose() => TemporaryFolder.Delete(_data);

    public static TheoryData<string> Fixtures() => [.. FixtureNames()];

    private static IEnumerable<string> FixtureNames() =>
        Directory.GetFiles(Path.Combine(TigressExecutable.RepositoryRoot, "tests", "fixtures"), "relay-schema-*.db")
            .Select(file => Path.GetFileNameWithoutExtension(file))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Relay_OpensEarlierSchema_ServesEveryMailbox(string fixture)
    {
        var folder = Path.Combine(TigressExecutable.RepositoryRoot, "tests", "fixtures");
        File.Copy(Path.Combine(folder, fixture + ".db"), Path.Combine(_data, "relay.db"));
        var mailboxes = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, fixture + ".json")))!.AsArray();
        Assert.NotEmpty(mailboxes);

        await using var relay = await RelayProcess.StartAsync(_data);
        using var http = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

        foreach (var mailbox in mailboxes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/m/{mailbox!["id"]!.GetValue<string>()}");
            request.Headers.Add("Mailbox-Request-ID", Guid.NewGuid().ToString());
            request.Headers.Add("Mailbox-Device-Claim", Guid.NewGuid().ToString());
            using var read = await http.SendAsync(request);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{fixture}: mailbox {mailbox["id"]} answered {read.StatusCode}\n{relay.Output}");
            var body = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(mailbox["data"]!.GetValue<string>(), body["payload"]!["data"]!.GetValue<string>());
            Assert.Equal(mailbox["title"]!.GetValue<string>(), body["displayInformation"]!["title"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Relay_NewerSchema_RefusesWithOneLineNamingTheVersions()
    {
        // A database from a relay one migration ahead: the header's user_version (offset 60, big-endian) raised.
        var fixture = FixtureNames().Last();
        var database = Path.Combine(_data, "relay.db");
        File.Copy(Path.Combine(TigressExecutable.RepositoryRoot, "tests", "fixtures", fixture + ".db"), database);
        var bytes = await File.ReadAllBytesAsync(database);
        var version = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(60));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(60), version + 100);
        await File.WriteAllBytesAsync(database, bytes);

        await using var run = await Transfers.TigressProcess.RunAsync("relay", "--urls", $"http://127.0.0.1:{RelayProcess.FreeLoopbackPort()}", "--data", _data);

        Assert.Equal(2, await run.ExitAsync());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("tigress relay:", StringComparison.Ordinal));
        Assert.Contains($"schema version {version + 100}, newer than this relay understands", line, StringComparison.Ordinal);
        Assert.Contains("restore the backup taken before the upgrade", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}

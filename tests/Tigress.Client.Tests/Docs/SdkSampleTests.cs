using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using SdkGuide;
using Tigress.Client.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Testing;

namespace Tigress.Client.Tests.Docs;

/// <summary>The samples of docs/sdk.md run against a real relay, and the doc shows exactly their code.</summary>
public sealed partial class SdkSampleTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Theory]
    [InlineData("usings")]
    [InlineData("share")]
    [InlineData("receive")]
    [InlineData("resume")]
    public void Doc_CodeBlock_IsTheCompiledSample(string name)
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "sdk.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(root, "tests", "Tigress.Client.Tests", "Docs", "SdkSamples.cs")).ReplaceLineEndings("\n");

        var block = Regex.Match(doc, $"<!-- sample: {name} -->\n```csharp\n(.*?)```\n", RegexOptions.Singleline);
        var region = Regex.Match(source, $"\n( *)// <{name}>\n(.*?)\n *// </{name}>\n", RegexOptions.Singleline);

        Assert.True(block.Success, $"docs/sdk.md has no code block marked <!-- sample: {name} -->");
        Assert.True(region.Success, $"SdkSamples.cs has no region {name}");
        var indent = region.Groups[1].Value.Length;
        var expected = string.Join("\n", region.Groups[2].Value.Split('\n').Select(line => line.Length >= indent ? line[indent..] : line.TrimStart())) + "\n";
        Assert.Equal(expected, block.Groups[1].Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ShareAndReceive_Samples_DeliverOrDecline(bool accept)
    {
        using var client = new TigressClient(Clients.Create());
        var link = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        TransferOffer? seen = null;

        var sharing = SdkSamples.ShareAsync(client, fixture.BaseUri, "badge 0042"u8.ToArray(), link.SetResult);
        var received = await SdkSamples.ReceiveAsync(client, await link.Task.WaitAsync(TimeSpan.FromSeconds(30)), null, offer =>
        {
            seen = offer;
            return Task.FromResult(accept);
        });
        var status = await sharing.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("Office door", seen?.Title);
        Assert.True(seen?.PreviewMatched);
        Assert.Equal(accept ? TransferStatus.Completed : TransferStatus.Cancelled, status);
        Assert.Equal(accept ? "badge 0042" : null, received is null ? null : Encoding.UTF8.GetString(received));
    }

    [Fact]
    public async Task Resume_Sample_CompletesFromTheStoredState()
    {
        using var client = new TigressClient(Clients.Create());
        var link = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sharing = SdkSamples.ShareAsync(client, fixture.BaseUri, "after a restart"u8.ToArray(), link.SetResult);
        using var parsed = TigressLink.Parse(await link.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        var store = new MemoryStore();

        var result = await SdkSamples.ResumeAsync(client, parsed, store, "t1");

        Assert.Equal("after a restart", Encoding.UTF8.GetString(result.Content!));
        Assert.Equal(TransferStatus.Completed, await sharing.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(store.Writes > 1);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tigress.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Tigress.sln) above the test folder.");
    }

    private sealed class MemoryStore : SdkSamples.ISecretStore
    {
        private readonly ConcurrentDictionary<string, string> _states = new();

        public int Writes { get; private set; }

        public ValueTask WriteAsync(string id, string json, CancellationToken cancellationToken)
        {
            _states[id] = json;
            Writes++;
            return ValueTask.CompletedTask;
        }

        public Task<string> ReadAsync(string id) => Task.FromResult(_states[id]);
    }
}

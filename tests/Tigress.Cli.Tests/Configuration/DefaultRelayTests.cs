using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Configuration;

/// <summary>
/// The default relay of <c>share</c>: <c>--relay</c>, else <c>TIGRESS_RELAY</c>, else the config file under
/// <c>XDG_CONFIG_HOME</c> or <c>HOME</c>; each run gets its own temporary home.
/// </summary>
public sealed class DefaultRelayTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>, IDisposable
{
    // Nothing listens there: a share through it would fail as unreachable, not succeed.
    private const string Unused = "http://127.0.0.1:9/";

    private readonly string _home = TemporaryFolder.Create("cli-home");

    private LoopbackRelay Relay => fixture.Relay;

    public void Dispose() => TemporaryFolder.Delete(_home);

    [Fact]
    public async Task Share_RelayFromEnvironment_SharesThroughIt()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _home, ["TIGRESS_RELAY"] = Relay.BaseUri.AbsoluteUri };
        WriteConfig(Path.Combine(_home, ".config"), Unused);

        await AssertSharesThroughRelayAsync(environment);
    }

    [Fact]
    public async Task Share_RelayFromConfigFileInHome_SharesThroughIt()
    {
        WriteConfig(Path.Combine(_home, ".config"), Relay.BaseUri.AbsoluteUri);

        await AssertSharesThroughRelayAsync(new Dictionary<string, string> { ["HOME"] = _home });
    }

    [Fact]
    public async Task Share_RelayFromConfigFileInXdgConfigHome_SharesThroughIt()
    {
        var xdg = Path.Combine(_home, "xdg");
        WriteConfig(xdg, Relay.BaseUri.AbsoluteUri);
        WriteConfig(Path.Combine(_home, ".config"), Unused);

        await AssertSharesThroughRelayAsync(new Dictionary<string, string> { ["HOME"] = _home, ["XDG_CONFIG_HOME"] = xdg });
    }

    [Fact]
    public async Task Share_RelayOption_OverridesEnvironmentAndConfigFile()
    {
        WriteConfig(Path.Combine(_home, ".config"), Unused);
        var environment = new Dictionary<string, string> { ["HOME"] = _home, ["TIGRESS_RELAY"] = Unused };

        await AssertSharesThroughRelayAsync(environment, "--relay", Relay.BaseUri.AbsoluteUri);
    }

    [Fact]
    public async Task Share_NoRelayAnywhere_OneLineNamingTheOptionTheVariableAndTheFile()
    {
        var cli = await CliRun.RunAsync(new Dictionary<string, string> { ["HOME"] = _home }, "share", "--text", "x");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("--relay", line, StringComparison.Ordinal);
        Assert.Contains("TIGRESS_RELAY", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_home, ".config", "tigress", "config.json"), line, StringComparison.Ordinal);
        Assert.Empty(cli.Console.OutputLines);
    }

    [Theory]
    [InlineData("{ \"relay\": ")]
    [InlineData("{ \"relay\": 5 }")]
    [InlineData("[\"http://127.0.0.1:9/\"]")]
    [InlineData("null")]
    public async Task Share_BadConfigFile_OnePlainLineNamingIt(string content)
    {
        var path = Path.Combine(_home, ".config", "tigress", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);

        var cli = await CliRun.RunAsync(new Dictionary<string, string> { ["HOME"] = _home }, "share", "--text", "x");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.StartsWith($"tigress share: config file {path}: not valid", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_EnvironmentRelayNotHttps_TheErrorNamesTheVariable()
    {
        var cli = await CliRun.RunAsync(
            new Dictionary<string, string> { ["HOME"] = _home, ["TIGRESS_RELAY"] = "http://relay.example/" }, "share", "--text", "x");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        Assert.StartsWith("tigress share: TIGRESS_RELAY must use https", Assert.Single(cli.Console.ErrorLines), StringComparison.Ordinal);
    }

    private static void WriteConfig(string configHome, string relay)
    {
        var folder = Path.Combine(configHome, "tigress");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), $"{{\n  // where share creates its links\n  \"relay\": \"{relay}\",\n}}\n");
    }

    private async Task AssertSharesThroughRelayAsync(Dictionary<string, string> environment, params string[] options)
    {
        var share = CliRun.Start(["share", "--text", "through the default", .. options], environment: environment);
        var link = await Task.WhenAny(share.Console.FirstOutputLine, share.Exit).WaitAsync(TimeSpan.FromSeconds(30)) == share.Exit
            ? throw new InvalidOperationException($"share exited with {share.Exit.Result}: {string.Join(" | ", share.Console.ErrorLines)}")
            : await share.Console.FirstOutputLine;

        Assert.StartsWith(Relay.BaseUri.AbsoluteUri + "v1/m/", link, StringComparison.Ordinal);
        var receive = await CliRun.RunAsync("receive", "--yes", link);
        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.Equal("through the default", System.Text.Encoding.UTF8.GetString(receive.Console.RawOutput));
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}

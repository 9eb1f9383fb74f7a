using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Transfers;

/// <summary><c>tigress share</c> as a process with a temporary home: the relay from the config file, from
/// <c>TIGRESS_RELAY</c>, and the error when there is none.</summary>
public sealed class DefaultRelayProcessTests : IDisposable
{
    private readonly string _home = TemporaryFolder.Create("e2e-home");

    public void Dispose() => TemporaryFolder.Delete(_home);

    [Fact]
    public async Task Share_RelayFromXdgConfigFile_ReceiveGetsIt()
    {
        await using var relay = await RelayProcess.StartAsync();
        var xdg = Path.Combine(_home, "config");
        Directory.CreateDirectory(Path.Combine(xdg, "tigress"));
        await File.WriteAllTextAsync(Path.Combine(xdg, "tigress", "config.json"), $"{{\"relay\": \"{relay.BaseUri.AbsoluteUri}\"}}");

        await using var share = TigressProcess.Start(Environment(("XDG_CONFIG_HOME", xdg)), "share", "--text", "from the config file");
        var link = await share.FirstLineAsync();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link);

        Assert.StartsWith(relay.BaseUri.AbsoluteUri + "v1/m/", link, StringComparison.Ordinal);
        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(["from the config file"], receive.Stdout);
        Assert.Equal(0, await share.ExitAsync());
    }

    [Fact]
    public async Task Share_RelayFromEnvironment_ReceiveGetsIt()
    {
        await using var relay = await RelayProcess.StartAsync();

        await using var share = TigressProcess.Start(Environment(("TIGRESS_RELAY", relay.BaseUri.AbsoluteUri)), "share", "--text", "from the environment");
        var link = await share.FirstLineAsync();
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", link);

        Assert.StartsWith(relay.BaseUri.AbsoluteUri + "v1/m/", link, StringComparison.Ordinal);
        Assert.Equal(["from the environment"], receive.Stdout);
        Assert.Equal(0, await share.ExitAsync());
    }

    [Fact]
    public async Task Share_NoRelayConfigured_ExitsTwoWithOneLine()
    {
        await using var share = TigressProcess.Start(Environment(), "share", "--text", "x");

        Assert.Equal(2, await share.ExitAsync());
        var line = Assert.Single(share.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"tigress share: no relay given: add --relay URL, set TIGRESS_RELAY=URL, or write {{\"relay\": \"URL\"}} to {Path.Combine(_home, ".config", "tigress", "config.json")}.",
            line);
        Assert.Empty(share.Stdout);
    }

    // The temporary home, and neither the machine's TIGRESS_RELAY nor its XDG_CONFIG_HOME.
    private Dictionary<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string?> { ["HOME"] = _home, ["TIGRESS_RELAY"] = null, ["XDG_CONFIG_HOME"] = null };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}

using Tigress.Cli.Commands;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>The relay library names configuration keys; <c>tigress relay</c> shows the flags that set them.</summary>
public sealed class RelayFlagMessageTests
{
    [Fact]
    public async Task Relay_PlainHttpBeyondLoopback_NamesTheFlagsNotTheKeys()
    {
        var cli = await CliRun.RunAsync("relay", "--urls", "http://0.0.0.0:0");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("--urls: 'http://0.0.0.0:0'", line, StringComparison.Ordinal);
        Assert.Contains("--cert", line, StringComparison.Ordinal);
        Assert.Contains("--allow-http", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Relay:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relay_PublicUrlNotARelayAddress_NamesTheFlag()
    {
        var data = TemporaryFolder.Create("cli-relay");

        var cli = await CliRun.RunAsync("relay", "--urls", "http://127.0.0.1:0", "--data", data, "--public-url", "https://relay.example/?x=1");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains("--public-url must not carry a query or a fragment.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Relay:PublicUrl", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Relay:CertificatePath: no file at 'x'.", "--cert: no file at 'x'.")]
    [InlineData("give Relay:CertificatePath (and Relay:CertificatePassword if it has one)", "give --cert (and --cert-password if it has one)")]
    [InlineData("Relay:Connections:MaxConnectionsPerClient and Relay:Connections:MaxConnections", "--max-connections-per-client and --max-connections")]
    [InlineData("Urls: 'x' is bad", "--urls: 'x' is bad")]
    [InlineData("set Relay:Push:ForceAllowLoopback to insist", "set Relay:Push:ForceAllowLoopback to insist")]
    [InlineData("Relay:RateLimits:Enabled", "Relay:RateLimits:Enabled")]
    public void InFlagNames_KeysWithAFlag_AreRewritten(string message, string expected) =>
        Assert.Equal(expected, RelayCommand.InFlagNames(message));
}

using Tigress.Cli.Tests.TestServices;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>share --relay</c> holds the one relay-address rule of <c>Tigress.Protocol.Wire.RelayAddress</c>.</summary>
public sealed class ShareRelayAddressTests
{
    [Theory]
    [InlineData("relay.example", "--relay must be an absolute URL")]
    [InlineData("http://relay.example/", "--relay must use https")]
    [InlineData("https://user:secret@relay.example/", "--relay must not carry user information")]
    [InlineData("https://relay.example/?a=b", "--relay must not carry a query or a fragment")]
    public async Task Share_RelayNotARelayAddress_ExitsInvalidUsageSayingWhy(string relay, string expected)
    {
        var cli = await CliRun.RunAsync("share", "--relay", relay, "--text", "x");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }
}

using Tigress.Cli.Tests.TestServices;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>tigress relay --help</c> tells an operator where settings come from, beyond its flags.</summary>
public sealed class RelayHelpTests
{
    [Fact]
    public async Task RelayHelp_NamesTheConfigFileTheEnvironmentVariablesAndTheOperatorFlags()
    {
        var cli = await CliRun.RunAsync("relay", "--help");

        Assert.Equal(0, await cli.Exit);
        var help = cli.HelpOutput.ToString();
        foreach (var expected in new[]
        {
            "appsettings.json", "TIGRESS__Relay__", "Logging__Console__FormatterName", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "--metrics-urls", "--trust-proxy", "--log-requests",
        })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }
    }
}

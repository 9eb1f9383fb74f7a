using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tigress.Cli.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Commands;

/// <summary>What scripts rely on: the exit codes as <c>--help</c> and the docs list them, and the time on every
/// <c>--json</c> event.</summary>
public sealed class HelpAndJsonTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private LoopbackRelay Relay => fixture.Relay;

    /// <summary>The constants themselves, read from the class, so a new code cannot be left out of the help.</summary>
    private static IReadOnlyList<(string Name, int Code)> Constants() =>
        [.. typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (f.Name, (int)f.GetRawConstantValue()!))];

    [Fact]
    public void ExitCodeTable_HoldsEveryConstantOnce()
    {
        Assert.Equal(
            Constants().Select(c => c.Code).Order(),
            ExitCodes.Table.Select(e => e.Code).Order());
    }

    [Fact]
    public async Task RootHelp_ListsEveryExitCode()
    {
        var cli = await CliRun.RunAsync("--help");

        Assert.Equal(0, await cli.Exit);
        var help = Flatten(cli.HelpOutput.ToString());
        Assert.Contains("Exit codes:", help, StringComparison.Ordinal);
        foreach (var (name, code) in Constants())
        {
            var meaning = ExitCodes.Table.Single(e => e.Code == code).Meaning;
            Assert.True(help.Contains($" {code} {Flatten(meaning)}", StringComparison.Ordinal), $"{name} ({code}) is missing from: {help}");
        }
    }

    [Theory]
    [InlineData("share")]
    [InlineData("receive")]
    [InlineData("relay")]
    public async Task CommandHelp_PointsToTheRootHelpInsteadOfRepeatingTheTable(string command)
    {
        var cli = await CliRun.RunAsync(command, "--help");

        Assert.Equal(0, await cli.Exit);
        var help = Flatten(cli.HelpOutput.ToString());
        Assert.Contains("Exit codes: see tigress --help.", help, StringComparison.Ordinal);
        foreach (var (_, meaning) in ExitCodes.Table)
        {
            Assert.DoesNotContain(Flatten(meaning), help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Docs_ListEveryExitCode()
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "cli.md"));

        foreach (var (name, code) in Constants())
        {
            Assert.Matches(new Regex($"^\\| {code} \\| `{name}` \\|", RegexOptions.Multiline), docs);
        }
    }

    [Fact]
    public async Task Json_EveryEventOfAShareAndAReceive_CarriesItsTime()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (share, first) = await CliRun.ShareAsync(Relay, "--text", "timed", "--pin", "--json");
        var link = JsonDocument.Parse(first).RootElement.GetProperty("url").GetString()!;
        await WaitUntilAsync(() => share.Console.OutputLines.Count >= 2);
        var pin = JsonDocument.Parse(share.Console.OutputLines[1]).RootElement.GetProperty("pin").GetString()!;

        var receive = await CliRun.RunAsync("receive", "--yes", link, "--pin", pin, "--json");
        Assert.Equal(ExitCodes.Success, await share.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
        var failed = await CliRun.RunAsync("receive", "--yes", link, "--json");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        Assert.Equal(ExitCodes.Success, await receive.Exit);
        Assert.NotEqual(ExitCodes.Success, await failed.Exit);
        string[] lines = [.. share.Console.OutputLines, .. receive.Console.OutputLines, .. failed.Console.OutputLines];
        Assert.Contains(lines, l => l.Contains("\"event\":\"error\"", StringComparison.Ordinal));
        Assert.True(lines.Length >= 8, string.Join("\n", lines));
        foreach (var line in lines)
        {
            var time = JsonDocument.Parse(line).RootElement.GetProperty("time").GetString()!;
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$", time);
            Assert.InRange(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture), before, after);
        }
    }

    private static string Flatten(string text) => Regex.Replace(text, "\\s+", " ");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tigress.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Tigress.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in 30 seconds");
            await Task.Delay(20);
        }
    }
}

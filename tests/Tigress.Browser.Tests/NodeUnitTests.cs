using Tigress.Browser.Tests.TestServices;

namespace Tigress.Browser.Tests;

/// <summary>
/// Runs each of web/'s node test files (node --test) and counts it here, so the JavaScript unit tests show in the
/// test run's totals. A file passes only when every test in it passed.
/// </summary>
public sealed class NodeUnitTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(WebFolder.Source, "test"), "*.test.js").Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task NodeTestFile_AllTestsPass(string file)
    {
        var (exitCode, output, error) = await WebFolder.RunNodeAsync(["--test", "--test-reporter=tap", $"test/{file}"], TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"node --test test/{file} failed:\n{output}\n{error}");
        Assert.Matches(@"# pass [1-9]", output);
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
    }
}

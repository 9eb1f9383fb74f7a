using System.Text.Json;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>
/// Debian's chromium, headless, driven by web/tools/browser.js through puppeteer-core; both installed by ./test.sh.
/// </summary>
internal static class Chromium
{
    private const string Executable = "/usr/bin/chromium";

    /// <summary>Runs one browser scenario and returns the JSON lines it printed.</summary>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(params string[] arguments)
    {
        EnsureInstalled();
        var (exitCode, output, error) = await WebFolder.RunNodeAsync(["tools/browser.js", .. arguments], TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"The browser scenario {arguments[0]} failed: {error}");
        return Parse(output);
    }

    /// <summary>Starts the share scenario; the caller reads its first line (the link) and then its outcome.</summary>
    public static System.Diagnostics.Process StartShare(Uri relay, string text, bool pin)
    {
        EnsureInstalled();
        return WebFolder.StartNode(pin ? ["tools/browser.js", "share", relay.AbsoluteUri, text, "pin"] : ["tools/browser.js", "share", relay.AbsoluteUri, text]);
    }

    public static IReadOnlyList<JsonElement> Parse(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private static void EnsureInstalled()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing; ./test.sh installs it (apt-get install chromium).");
        }

        if (!File.Exists(System.IO.Path.Combine(WebFolder.Path, "node_modules", "puppeteer-core", "package.json")))
        {
            throw new InvalidOperationException("puppeteer-core is missing under web/; ./test.sh installs it (npm ci --prefix web).");
        }
    }
}

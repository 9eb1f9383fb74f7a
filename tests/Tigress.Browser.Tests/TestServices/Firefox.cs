using System.Text.Json;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>
/// Debian's firefox-esr, headless, driven by web/tools/browser.js through puppeteer-core over WebDriver BiDi
/// (puppeteer-core never downloads a browser); both installed by ./test.sh.
/// </summary>
internal static class Firefox
{
    private const string Executable = "/usr/bin/firefox-esr";

    /// <summary>Runs one browser scenario of browser.js in Firefox and returns the JSON lines it printed.</summary>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing; ./test.sh installs it (apt-get install firefox-esr).");
        }

        var (exitCode, output, error) = await WebFolder.RunNodeAsync(["tools/browser.js", "--browser=firefox", .. arguments], TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"The Firefox scenario {arguments[0]} failed: {error}");
        return Chromium.Parse(output);
    }
}

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
        EnsureInstalled();
        var (exitCode, output, error) = await WebFolder.RunNodeAsync(["tools/browser.js", "--browser=firefox", .. arguments], TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"The Firefox scenario {arguments[0]} failed: {error}");
        return Chromium.Parse(output);
    }

    /// <summary>
    /// Starts browser.js's share scenario in Firefox; the caller reads its first line (the link) and then its outcome,
    /// or with <paramref name="close"/> the line that says the tab was closed. <paramref name="pin"/>: <c>pin</c> (the
    /// PIN as the page chooses it: checked by the relay where it offers that) or <see langword="null"/>.
    /// </summary>
    public static System.Diagnostics.Process StartShare(Uri relay, string text, string? pin = null, bool close = false)
    {
        EnsureInstalled();
        return WebFolder.StartNode(["tools/browser.js", "--browser=firefox", "share", relay.AbsoluteUri, text, pin ?? "none", .. close ? new[] { "close" } : []]);
    }

    private static void EnsureInstalled()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing; ./test.sh installs it (apt-get install firefox-esr).");
        }
    }
}

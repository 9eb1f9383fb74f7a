using System.Text.Json;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>
/// Debian's chromium, headless, driven by web/tools/browser.js through puppeteer-core; both installed by ./test.sh.
/// Started with no sandbox and nothing fetched in the background (see the flags in browser.js).
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

    /// <summary>
    /// Starts the share scenario; the caller reads its first line (the link) and then its outcome, or with
    /// <paramref name="close"/> the line that says the tab was closed. <paramref name="pin"/>: <c>pin</c> (the PIN as
    /// the page chooses it: checked by the relay where it offers that), <c>pin-page</c> (checked by the page, SPAKE2)
    /// or <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="profile"/>, the browser keeps its profile (its storage) in that folder; <paramref name="extra"/>
    /// holds more options of browser.js (<c>--file=PATH</c>, <c>--expiry=SECONDS</c>).
    /// </remarks>
    public static System.Diagnostics.Process StartShare(Uri relay, string text, string? pin = null, bool close = false, string? profile = null, IEnumerable<string>? extra = null)
    {
        EnsureInstalled();
        return WebFolder.StartNode([
            "tools/browser.js", "share", relay.AbsoluteUri, text, pin ?? "none", .. close ? new[] { "close" } : [],
            .. profile is null ? Array.Empty<string>() : [$"--profile={profile}"],
            .. extra ?? [],
        ]);
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

        // The page audit runs axe-core, a development package of web/ locked like the rest.
        if (!File.Exists(System.IO.Path.Combine(WebFolder.Path, "node_modules", "axe-core", "axe.min.js")))
        {
            throw new InvalidOperationException("axe-core is missing under web/; ./test.sh installs it (npm ci --prefix web).");
        }
    }
}

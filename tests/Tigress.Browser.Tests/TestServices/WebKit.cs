using System.Text.Json;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>
/// WebKitGTK: Debian's MiniBrowser driven by WebKitWebDriver over plain WebDriver HTTP from web/tools/webkit.js, under
/// an Xvfb the script starts and stops; all installed by ./test.sh.
/// </summary>
internal static class WebKit
{
    private static readonly (string Path, string Package)[] s_parts =
    [
        ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
        ("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "webkit2gtk-driver"),
        ("/usr/bin/Xvfb", "xvfb"),
    ];

    /// <summary>Runs one scenario of webkit.js and returns the JSON line it printed.</summary>
    public static async Task<JsonElement> RunAsync(params string[] arguments)
    {
        EnsureInstalled();
        var (exitCode, output, error) = await WebFolder.RunNodeAsync(["tools/webkit.js", .. arguments], TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"The WebKit scenario {arguments[0]} failed: {error}");
        return Chromium.Parse(output).Single();
    }

    /// <summary>
    /// Starts webkit.js's share scenario; the caller reads its first line (the link) and then its outcome, or with
    /// <paramref name="close"/> the line that says the window was closed. <paramref name="pin"/>: <c>pin</c> (the PIN
    /// as the page chooses it: checked by the relay where it offers that) or <see langword="null"/>.
    /// </summary>
    public static System.Diagnostics.Process StartShare(Uri relay, string text, string? pin = null, bool close = false)
    {
        EnsureInstalled();
        return WebFolder.StartNode(["tools/webkit.js", "share", relay.AbsoluteUri, text, pin ?? "none", .. close ? new[] { "close" } : []]);
    }

    private static void EnsureInstalled()
    {
        foreach (var (path, package) in s_parts)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing; ./test.sh installs it (apt-get install {package}).");
            }
        }
    }
}

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
        foreach (var (path, package) in s_parts)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing; ./test.sh installs it (apt-get install {package}).");
            }
        }

        var (exitCode, output, error) = await WebFolder.RunNodeAsync(["tools/webkit.js", .. arguments], TimeSpan.FromMinutes(4));
        Assert.True(exitCode == 0, $"The WebKit scenario {arguments[0]} failed: {error}");
        return Chromium.Parse(output).Single();
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>Checks and readers shared by the page tests.</summary>
internal static class PageChecks
{
    /// <summary>Every request went to the relay's origin, and none carried the link's key in its URL or referrer.</summary>
    public static void StayedHome(JsonElement page, string link, Uri relay)
    {
        var origin = relay.GetLeftPart(UriPartial.Authority);
        var secret = link[(link.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var requests = page.GetProperty("requests").EnumerateArray().ToList();
        Assert.NotEmpty(requests);
        foreach (var request in requests)
        {
            var url = request.GetProperty("url").GetString()!;
            Assert.Equal(origin, request.GetProperty("origin").GetString());
            Assert.True(string.IsNullOrEmpty(request.GetProperty("referer").GetString()), $"a referrer was sent with {request.GetProperty("method")} {url}");

            // The page's own navigation is reported with its fragment, which HTTP never sends; every other request
            // the page made must not hold the key at all.
            if (url != link)
            {
                Assert.DoesNotContain(secret, url, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Runs the built <c>tigress</c> command with no standard input; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunTigressAsync(params string[] arguments)
    {
        using var process = Process.Start(Tigress.Testing.TigressExecutable.StartInfo(arguments))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The next JSON line a browser scenario printed.</summary>
    public static async Task<JsonElement> ReadLineAsync(Process browser)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var line = await browser.StandardOutput.ReadLineAsync(cts.Token)
            ?? throw new InvalidOperationException($"The browser stopped: {await browser.StandardError.ReadToEndAsync(cts.Token)}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}

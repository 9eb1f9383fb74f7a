using System.Diagnostics;
using System.Text.Json;

namespace Tigress.Browser.Tests.TestServices;

/// <summary>The JavaScript client (web/src) driven through web/tools/interop.js in node.</summary>
internal static class JsClient
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>Receives a share with the JavaScript client; the JSON line it printed.</summary>
    public static async Task<JsonElement> ReceiveAsync(string link, string? pin = null)
    {
        string[] arguments = pin is null ? ["tools/interop.js", "receive", link] : ["tools/interop.js", "receive", link, pin];
        var (_, output, error) = await WebFolder.RunNodeAsync(arguments, s_timeout);
        return LastLine(output, error);
    }

    /// <summary>
    /// Starts a share with the JavaScript client; returns once it printed the link. <paramref name="pin"/> is the SPAKE2
    /// PIN, <paramref name="relayPin"/> the relay-assisted PIN.
    /// </summary>
    public static async Task<JsShare> ShareAsync(Uri relay, string text, bool pin = false, bool changePreview = false, bool relayPin = false)
    {
        var process = WebFolder.StartNode(pin || changePreview || relayPin
            ? ["tools/interop.js", "share", relay.AbsoluteUri.TrimEnd('/'), text, pin ? "pin" : relayPin ? "relay-pin" : "relabel"]
            : ["tools/interop.js", "share", relay.AbsoluteUri.TrimEnd('/'), text]);
        using var cts = new CancellationTokenSource(s_timeout);
        var first = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (first is null)
        {
            var error = await process.StandardError.ReadToEndAsync(cts.Token);
            process.Dispose();
            throw new InvalidOperationException($"The JavaScript share printed no link: {error}");
        }

        return new JsShare(process, JsonDocument.Parse(first).RootElement.Clone());
    }

    private static JsonElement LastLine(string output, string error)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"The JavaScript client printed nothing: {error}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}

/// <summary>A share started by the JavaScript client: its link, its PIN and, once it ends, its outcome.</summary>
internal sealed class JsShare(Process process, JsonElement started) : IDisposable
{
    public string Link => started.GetProperty("link").GetString()!;

    public string? Pin => started.GetProperty("pin").GetString();

    /// <summary>The outcome line: {"outcome": ..., "events": [...]}.</summary>
    public async Task<JsonElement> OutcomeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line is null)
        {
            throw new InvalidOperationException($"The JavaScript share ended without an outcome: {await process.StandardError.ReadToEndAsync(cts.Token)}");
        }

        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}

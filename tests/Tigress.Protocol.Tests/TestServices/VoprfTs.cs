using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Tigress.Protocol.Tests.TestServices;

/// <summary>
/// Runs the independent RFC 9497 implementation (the npm package @cloudflare/voprf-ts, through tests/node/oprf.mjs)
/// with node. Both are installed by ./test.sh; a missing one fails the test with a message that says so.
/// </summary>
internal sealed class VoprfTs : IDisposable
{
    private static readonly Lazy<string> s_folder = new(FindFolder);
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private VoprfTs(Process process) => _process = process;

    /// <summary>Starts oprf.mjs in <paramref name="role"/> ("client" or "server").</summary>
    public static VoprfTs Start(string role)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "oprf.mjs", role },
            WorkingDirectory = s_folder.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        try
        {
            return new VoprfTs(Process.Start(start)!);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed; run ./test.sh, which installs what the tests need.", e);
        }
    }

    /// <summary>Sends one JSON line and reads the answer line.</summary>
    public async Task<JsonObject> ExchangeAsync(JsonObject request)
    {
        await _process.StandardInput.WriteLineAsync(request.ToJsonString());
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(s_limit);
        string? line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            string error = await _process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"oprf.mjs ended without an answer: {error}");
        }

        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>Kills the script if it still runs.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>A JSON array of hex strings.</summary>
    public static JsonArray HexArray(IEnumerable<byte[]> values) => [.. values.Select(v => (JsonNode)Convert.ToHexStringLower(v))];

    /// <summary>The byte strings of a JSON array of hex strings.</summary>
    public static byte[][] FromHexArray(JsonNode? array) =>
        [.. array!.AsArray().Select(v => Convert.FromHexString(v!.GetValue<string>()))];

    private static string FindFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "node");
            if (File.Exists(Path.Combine(candidate, "oprf.mjs")))
            {
                if (!File.Exists(Path.Combine(candidate, "node_modules", "@cloudflare", "voprf-ts", "package.json")))
                {
                    throw new InvalidOperationException("The npm package @cloudflare/voprf-ts is missing under tests/node; run ./test.sh, which installs it (npm ci --prefix tests/node).");
                }

                return candidate;
            }
        }

        throw new InvalidOperationException("tests/node/oprf.mjs was not found above the test binaries.");
    }
}

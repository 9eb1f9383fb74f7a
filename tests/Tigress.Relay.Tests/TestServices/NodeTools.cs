using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>
/// Runs the independent RFC 8291 implementation (the npm package http_ece, under tests/node) with node. Both are
/// installed by ./test.sh; a missing one fails the test with a message that says so.
/// </summary>
internal static class NodeTools
{
    private static readonly Lazy<string> s_folder = new(FindFolder);

    /// <summary>Decrypts a Web Push body as the subscription's browser would.</summary>
    public static async Task<string> DecryptAsync(byte[] body, TestSubscription subscription)
    {
        var input = new JsonObject
        {
            ["body"] = Convert.ToBase64String(body),
            ["privateKey"] = subscription.PrivateKey,
            ["authSecret"] = subscription.Auth,
        }.ToJsonString();
        var (exitCode, output, error) = await RunAsync("decrypt.js", input, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"http_ece could not decrypt the push: {error}");
        return output;
    }

    /// <summary>
    /// Validates an OpenAPI document with @seriousme/openapi-schema-validator (tests/node/validate-openapi.mjs);
    /// returns the exit code and what it printed: the OpenAPI version, or the errors.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> ValidateOpenApiAsync(string document)
    {
        if (!File.Exists(Path.Combine(s_folder.Value, "node_modules", "@seriousme", "openapi-schema-validator", "package.json")))
        {
            throw new InvalidOperationException("The npm package @seriousme/openapi-schema-validator is missing under tests/node; run ./test.sh, which installs it (npm ci --prefix tests/node).");
        }

        var (exitCode, output, error) = await RunAsync("validate-openapi.mjs", document, TimeSpan.FromSeconds(60));
        return (exitCode, (output + error).Trim());
    }

    // Runs one script of tests/node with input on its standard input; what it printed comes back whole.
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string input, TimeSpan limit)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = s_folder.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed; ./test.sh installs what the tests need.", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }

    private static string FindFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "node");
            if (File.Exists(Path.Combine(candidate, "decrypt.js")))
            {
                if (!File.Exists(Path.Combine(candidate, "node_modules", "http_ece", "package.json")))
                {
                    throw new InvalidOperationException("The npm package http_ece is missing under tests/node; run ./test.sh, which installs it (npm ci --prefix tests/node).");
                }

                return candidate;
            }
        }

        throw new InvalidOperationException("tests/node/decrypt.js was not found above the test binaries.");
    }
}

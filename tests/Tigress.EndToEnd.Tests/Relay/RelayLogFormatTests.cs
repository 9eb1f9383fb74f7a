using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Relay;

/// <summary>
/// The relay's console log as an operator configures it, read from the <c>tigress relay</c> process: JSON through the
/// standard <c>Logging:Console:FormatterName</c> key (environment or appsettings.json), timestamps by default, and
/// per-request lines when their category is turned on.
/// </summary>
public sealed partial class RelayLogFormatTests
{
    private const string RequestCategory = "Tigress.Relay.Requests";

    [Fact]
    public async Task Logs_FormatterJsonInTheEnvironment_AreJsonLinesWithTimestampsAndRequests()
    {
        await using var relay = await RelayProcess.StartWithEnvironmentAsync(
            new Dictionary<string, string>
            {
                ["Logging__Console__FormatterName"] = "json",
                ["TIGRESS__Relay__LogRequests"] = "true",
            },
            workingDirectory: null);

        var id = await CreateMailboxAsync(relay);
        var entries = await WaitForJsonEntriesAsync(relay, entry => entry.GetProperty("Category").GetString() == RequestCategory);

        var started = Assert.Single(entries, entry => entry.GetProperty("EventId").GetInt32() == 1);
        Assert.Equal("Tigress.Relay.Hosting.TigressRelayHost", started.GetProperty("Category").GetString());
        var request = Assert.Single(entries, entry => entry.GetProperty("Category").GetString() == RequestCategory);
        Assert.Equal("Information", request.GetProperty("LogLevel").GetString());
        Assert.Equal("POST create answered 200", Regex.Replace(request.GetProperty("Message").GetString()!, " in .*", string.Empty));
        foreach (var entry in entries)
        {
            // Timestamps on by default, in UTC.
            var timestamp = entry.GetProperty("Timestamp").GetString()!;
            Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), timestamp);
        }

        Assert.DoesNotContain(id, relay.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logs_FormatterJsonInAppSettings_AreJsonLines()
    {
        var folder = TemporaryFolder.Create("appsettings");
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(folder, "appsettings.json"),
                """{ "Logging": { "Console": { "FormatterName": "json" } } }""");
            await using var relay = await RelayProcess.StartWithEnvironmentAsync(new Dictionary<string, string>(), folder);

            var entries = await WaitForJsonEntriesAsync(relay, entry => entry.GetProperty("EventId").GetInt32() == 1);

            Assert.Contains(entries, entry => entry.GetProperty("Category").GetString() == "Tigress.Relay.Hosting.TigressRelayHost");
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    [Fact]
    public async Task Logs_ByDefault_AreSingleLinesWithUtcTimestampsAndNoRequestLines()
    {
        await using var relay = await RelayProcess.StartAsync();
        await CreateMailboxAsync(relay);

        var line = await WaitForLineAsync(relay, line => line.Contains("Tigress.Relay.Hosting.TigressRelayHost[1]", StringComparison.Ordinal));

        Assert.Matches(SimpleLine(), line);
        Assert.DoesNotContain(RequestCategory, relay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", relay.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: ")]
    private static partial Regex SimpleLine();

    private static async Task<string> CreateMailboxAsync(RelayProcess relay)
    {
        using var http = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/m");
        request.Headers.Add("Mailbox-Request-ID", Guid.NewGuid().ToString());
        request.Headers.Add("Mailbox-Device-Claim", Guid.NewGuid().ToString());
        var data = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        request.Content = new StringContent(
            $$$"""{"displayInformation":{"title":"Car key","description":"Blue sedan","imageURL":"https://images.example.org/car.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"{{{data}}}"}}""",
            Encoding.UTF8,
            "application/json");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var link = JsonDocument.Parse(body).RootElement.GetProperty("urlLink").GetString()!;
        return link[(link.LastIndexOf('/') + 1)..];
    }

    // Every line that looks like JSON must parse as one JSON object; waits until one matches the condition.
    private static async Task<List<JsonElement>> WaitForJsonEntriesAsync(RelayProcess relay, Func<JsonElement, bool> until)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var entries = relay.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.StartsWith('{'))
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .ToList();
            if (entries.Any(until))
            {
                return entries;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"No such JSON log entry within 30 s:\n{relay.Output}");
            await Task.Delay(100);
        }
    }

    private static async Task<string> WaitForLineAsync(RelayProcess relay, Func<string, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (relay.Output.Split('\n').FirstOrDefault(condition) is { } line)
            {
                return line.TrimEnd('\r');
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"No such log line within 30 s:\n{relay.Output}");
            await Task.Delay(100);
        }
    }
}

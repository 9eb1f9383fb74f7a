using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Relay;

/// <summary>The relay as operators run it: the built <c>tigress relay</c> process, killed and restarted.</summary>
public sealed partial class RelayProcessTests
{
    [Fact]
    public async Task Relay_KilledWithSigkillThreeTimesUnderCreateLoad_LosesNoAcknowledgedMailbox()
    {
        var data = TemporaryFolder.Create("sigkill");
        var acknowledged = new ConcurrentBag<Created>();
        try
        {
            for (var round = 0; round < 3; round++)
            {
                await using var relay = await RelayProcess.StartAsync(data);
                using var http = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(5) };
                using var stop = new CancellationTokenSource();
                var before = acknowledged.Count;
                var writers = Enumerable.Range(0, 8).Select(_ => CreateUntilStoppedAsync(http, acknowledged, stop.Token)).ToArray();

                // Kill mid-load, once enough creates were answered that the kill surely lands among writes.
                var clock = Stopwatch.StartNew();
                while (acknowledged.Count - before < 200 && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(20);
                }

                relay.Kill();
                stop.Cancel();
                await Task.WhenAll(writers);
                Assert.True(acknowledged.Count - before >= 200, $"Only {acknowledged.Count - before} creates were answered in round {round}.\n{relay.Output}");
            }

            await using var restarted = await RelayProcess.StartAsync(data);
            using var check = new HttpClient { BaseAddress = restarted.BaseUri };
            var missing = 0;
            foreach (var created in acknowledged)
            {
                using var read = await SendAsync(check, HttpMethod.Post, $"v1/m/{created.Id}", Guid.NewGuid(), null);
                if (read.StatusCode != HttpStatusCode.OK
                    || (await read.Content.ReadFromJsonAsync<JsonObject>())!["payload"]!["data"]!.GetValue<string>() != created.Data)
                {
                    missing++;
                }
            }

            Assert.Equal(0, missing);
        }
        finally
        {
            TemporaryFolder.Delete(data);
        }
    }

    [Fact]
    public async Task Relay_StoppedWithCtrlCAndRestarted_KeepsMailboxesBindingsAndMessages()
    {
        var data = TemporaryFolder.Create("restart");
        try
        {
            var initiator = Guid.NewGuid();
            var recipient = Guid.NewGuid();
            var answer = Convert.ToBase64String(RandomNumberGenerator.GetBytes(40));
            Guid id;
            await using (var relay = await RelayProcess.StartAsync(data))
            {
                using var http = new HttpClient { BaseAddress = relay.BaseUri };
                id = (await CreateAsync(http, initiator, "RWD")).Id;
                (await SendAsync(http, HttpMethod.Post, $"v1/m/{id}", recipient, null)).Dispose();
                (await SendAsync(http, HttpMethod.Put, $"v1/m/{id}", recipient, new JsonObject { ["payload"] = Payload(answer) })).Dispose();
                Assert.Equal(0, await relay.InterruptAsync(TimeSpan.FromSeconds(30)));
            }

            await using var again = await RelayProcess.StartAsync(data);
            using var client = new HttpClient { BaseAddress = again.BaseUri };
            using var initiatorRead = await SendAsync(client, HttpMethod.Post, $"v1/m/{id}", initiator, null);
            using var strangerRead = await SendAsync(client, HttpMethod.Post, $"v1/m/{id}", Guid.NewGuid(), null);

            Assert.Equal(HttpStatusCode.OK, initiatorRead.StatusCode);
            Assert.Equal(answer, (await initiatorRead.Content.ReadFromJsonAsync<JsonObject>())!["payload"]!["data"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.Unauthorized, strangerRead.StatusCode);
        }
        finally
        {
            TemporaryFolder.Delete(data);
        }
    }

    [Fact]
    public async Task DataFolder_WhileRunningAndAfterStop_HoldsNoClaimInTheClear()
    {
        var data = TemporaryFolder.Create("claims");
        try
        {
            var claims = new List<Guid>();
            await using (var relay = await RelayProcess.StartAsync(data))
            {
                using var http = new HttpClient { BaseAddress = relay.BaseUri };
                for (var i = 0; i < 20; i++)
                {
                    var initiator = Guid.NewGuid();
                    var recipient = Guid.NewGuid();
                    claims.Add(initiator);
                    claims.Add(recipient);
                    var id = (await CreateAsync(http, initiator, "RWD")).Id;
                    (await SendAsync(http, HttpMethod.Post, $"v1/m/{id}", recipient, null)).Dispose();
                    (await SendAsync(http, HttpMethod.Put, $"v1/m/{id}", recipient, new JsonObject { ["payload"] = Payload(null) })).Dispose();
                }

                AssertNoClaimIn(data, claims);
                Assert.Equal(0, await relay.InterruptAsync(TimeSpan.FromSeconds(30)));
            }

            AssertNoClaimIn(data, claims);
        }
        finally
        {
            TemporaryFolder.Delete(data);
        }
    }

    [Fact]
    public async Task Relay_PlainHttpOnAPublicAddress_ExitsWithOneLineNamingTheFix()
    {
        var (exitCode, stdout, stderr) = await RunAsync(["relay", "--urls", "http://0.0.0.0:1", "--data", Path.GetTempPath()]);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout.Trim());
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("--allow-http", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("proc")]
    [InlineData("empty")]
    public async Task Relay_DataFolderThatCannotBeMade_ExitsWithOneLineNamingTheFlag(string kind)
    {
        var file = Path.GetTempFileName();
        try
        {
            var data = kind switch { "file" => Path.Combine(file, "data"), "proc" => "/proc/tigress-data", _ => "" };

            var (exitCode, stdout, stderr) = await RunAsync(["relay", "--urls", "http://127.0.0.1:0", "--data", data]);

            Assert.Equal(2, exitCode);
            var line = Assert.Single(stderr.Trim().Split('\n'));
            Assert.Contains("--data", line, StringComparison.Ordinal);
            Assert.DoesNotContain("unexpected error", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Relay_Help_DescribesEveryFlag()
    {
        var (exitCode, stdout, _) = await RunAsync(["relay", "--help"]);

        Assert.Equal(0, exitCode);
        foreach (var flag in new[] { "--urls", "--data", "--public-url", "--store", "--redis", "--cert", "--cert-password", "--allow-http", "--no-rate-limit", "--dropbox-lock", "--max-ttl", "--max-connections", "--max-connections-per-client" })
        {
            Assert.Contains(flag, stdout, StringComparison.Ordinal);
        }
    }

    private static async Task CreateUntilStoppedAsync(HttpClient http, ConcurrentBag<Created> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var claim = Guid.NewGuid();
                var data = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
                var body = new JsonObject
                {
                    ["displayInformation"] = new JsonObject { ["title"] = "Key", ["description"] = "Load", ["imageURL"] = "https://images.example.org/k.png" },
                    ["payload"] = Payload(data),
                };
                using var response = await SendAsync(http, HttpMethod.Post, "v1/m", claim, body, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var link = (await response.Content.ReadFromJsonAsync<JsonObject>(stop))!["urlLink"]!.GetValue<string>();
                    acknowledged.Add(new Created(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), data));
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The relay died mid-request: that create was never acknowledged.
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(10, CancellationToken.None);
                }
            }
        }
    }

    private static async Task<Created> CreateAsync(HttpClient http, Guid claim, string rights)
    {
        var data = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var body = new JsonObject
        {
            ["displayInformation"] = new JsonObject { ["title"] = "Key", ["description"] = "Test", ["imageURL"] = "https://images.example.org/k.png" },
            ["payload"] = Payload(data),
            ["mailboxConfiguration"] = new JsonObject { ["accessRights"] = rights },
        };
        using var response = await SendAsync(http, HttpMethod.Post, "v1/m", claim, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<JsonObject>())!["urlLink"]!.GetValue<string>();
        return new Created(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), data);
    }

    private static JsonObject Payload(string? data) =>
        new() { ["type"] = "AEAD_AES_128_GCM", ["data"] = data ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, Guid claim, JsonNode? body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Mailbox-Request-ID", Guid.NewGuid().ToString());
        request.Headers.Add("Mailbox-Device-Claim", claim.ToString());
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static void AssertNoClaimIn(string folder, IEnumerable<Guid> claims)
    {
        var contents = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(contents);
        foreach (var claim in claims)
        {
            byte[][] forms =
            [
                Encoding.ASCII.GetBytes(claim.ToString("D")),
                Encoding.ASCII.GetBytes(claim.ToString("N")),
                Encoding.Unicode.GetBytes(claim.ToString("D")),
                claim.ToByteArray(),
                claim.ToByteArray(bigEndian: true),
            ];
            foreach (var bytes in contents)
            {
                foreach (var form in forms)
                {
                    Assert.True(bytes.AsSpan().IndexOf(form) < 0, "A device claim was found in the relay's data folder.");
                }
            }
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments)
    {
        using var process = Process.Start(TigressExecutable.StartInfo(arguments))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private sealed record Created(Guid Id, string Data);
}

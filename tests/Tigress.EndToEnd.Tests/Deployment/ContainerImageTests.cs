using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tigress.EndToEnd.Tests.Packaging;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Deployment;

/// <summary>
/// The relay's container image as deploy/build-image.sh builds it with podman (from the release's Native AOT binary,
/// pulling nothing), run as an operator would: a published loopback port, a data volume, a read-only root file
/// system, <c>TIGRESS__Relay__PublicUrl</c>. A mailbox is created and read through it, a share goes through it with
/// the host's <c>tigress</c>, and the relay runs as a user other than root with JSON logs.
/// </summary>
[Collection(ReleaseArtifactsCollection.Name)]
public sealed class ContainerImageTests(ReleaseArtifacts release) : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly string _config = TemporaryFolder.Create("podman");

    private string Image => $"localhost/tigress-relay-test:{_suffix}";

    private string Container => $"tigress-relay-test-{_suffix}";

    private string Volume => $"tigress-data-test-{_suffix}";

    // podman on these machines: runc, cgroupfs, and no default ulimits (containers.conf), as docs/install.md says.
    private string[] Podman => ["--runtime", "runc", "--cgroup-manager=cgroupfs"];

    private Dictionary<string, string> Environment => new()
    {
        ["CONTAINERS_CONF"] = Path.Combine(_config, "containers.conf"),
        ["PODMAN"] = "podman " + string.Join(' ', Podman),
        ["TIGRESS_BINARY"] = release.Binary("linux-x64"),
    };

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_config, "containers.conf"), "[containers]\ndefault_ulimits = []\n");
    }

    public async Task DisposeAsync()
    {
        foreach (var cleanup in new[] { new[] { "rm", "-f", Container }, ["volume", "rm", "-f", Volume], ["rmi", "-f", Image] })
        {
            try
            {
                await using var _ = await NativeProcess.RunAsync(s_timeout, "podman", [.. Podman, .. cleanup], Environment);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
            {
                // No podman (the test has failed on it already), or it hung: nothing more to clean here.
            }
        }

        TemporaryFolder.Delete(_config);
    }

    [Fact]
    public async Task Image_BuiltWithoutPulling_ServesMailboxesAndSharesAsNonRoot()
    {
        // Arrange: the image, from the release binary.
        var script = Path.Combine(TigressExecutable.RepositoryRoot, "deploy", "build-image.sh");
        await using (var build = await NativeProcess.RunAsync(TimeSpan.FromMinutes(10), "bash", [script, Image], Environment))
        {
            Assert.True(await build.ExitAsync(s_timeout) == 0, $"deploy/build-image.sh failed (podman comes from ./test.sh):\n{build.Output}");
        }

        var containerfile = await File.ReadAllLinesAsync(Path.Combine(TigressExecutable.RepositoryRoot, "deploy", "Containerfile"));
        Assert.All(containerfile.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)), line => Assert.Equal("FROM scratch", line.Trim()));

        // Act: run it as the docs do.
        var port = RelayProcess.FreeLoopbackPort();
        var publicUrl = $"http://127.0.0.1:{port}";
        await using (var run = await PodmanAsync(
            "run", "-d", "--name", Container, "--read-only", "--network", "slirp4netns", "-p", $"127.0.0.1:{port}:8080",
            "-v", $"{Volume}:/data", "-e", $"TIGRESS__Relay__PublicUrl={publicUrl}", Image))
        {
            Assert.True(await run.ExitAsync(s_timeout) == 0, run.Output);
        }

        using var http = new HttpClient { BaseAddress = new Uri(publicUrl + "/"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilLiveAsync(http);

        // Assert: a mailbox created and read through the published port, with links under the public URL.
        var data = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        using var created = await SendAsync(http, "v1/m", new JsonObject
        {
            ["displayInformation"] = new JsonObject { ["title"] = "Car key", ["description"] = "Container test", ["imageURL"] = "https://images.example.org/car.png" },
            ["payload"] = new JsonObject { ["type"] = "AEAD_AES_128_GCM", ["data"] = data },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<JsonObject>())!["urlLink"]!.GetValue<string>();
        Assert.StartsWith(publicUrl + "/v1/m/", link, StringComparison.Ordinal);
        using var read = await SendAsync(http, link[(publicUrl.Length + 1)..], null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(data, (await read.Content.ReadFromJsonAsync<JsonObject>())!["payload"]!["data"]!.GetValue<string>());

        // A share and a receive with the host's tigress through the container.
        await using (var share = NativeProcess.Start(release.Binary("linux-x64"), ["share", "--relay", publicUrl + "/", "--text", "Gate code 8642", "--json"]))
        {
            var shared = JsonNode.Parse(await share.WaitForLineAsync(line => line.StartsWith('{'), s_timeout))!;
            await using var receive = await NativeProcess.RunAsync(s_timeout, release.Binary("linux-x64"), ["receive", "--yes", shared["url"]!.GetValue<string>(), "--json"]);
            Assert.True(await receive.ExitAsync(s_timeout) == 0, receive.Output);
            Assert.Equal("Gate code 8642", Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(receive.Stdout[^1])!["content"]!.GetValue<string>())));
            Assert.True(await share.ExitAsync(s_timeout) == 0, share.Output);
        }

        // The relay's process runs as the image's user, not root, and logs JSON lines.
        await using (var inspect = await PodmanAsync("inspect", "--format", "{{.State.Pid}}", Container))
        {
            Assert.True(await inspect.ExitAsync(s_timeout) == 0, inspect.Output);
            var pid = Assert.Single(inspect.Stdout).Trim();
            var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
            var uids = Assert.Single(status, line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..];
            Assert.All(uids, uid => Assert.Equal("10001", uid));
            Assert.StartsWith("/usr/local/bin/tigress\0relay\0", await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
        }

        await using (var logs = await PodmanAsync("logs", Container))
        {
            Assert.Equal(0, await logs.ExitAsync(s_timeout));
            var first = logs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            Assert.NotNull(JsonNode.Parse(first)!["Message"]);
        }
    }

    private Task<NativeProcess> PodmanAsync(params string[] arguments) =>
        NativeProcess.RunAsync(s_timeout, "podman", [.. Podman, .. arguments], Environment);

    private async Task WaitUntilLiveAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                using var live = await http.GetAsync("healthz/live");
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // slirp4netns forwards the port before the relay listens: the connection is reset until then.
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                await using var logs = await PodmanAsync("logs", Container);
                throw new TimeoutException($"The container's relay did not answer /healthz/live within 2 minutes:\n{logs.Output}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Mailbox-Request-ID", Guid.NewGuid().ToString());
        request.Headers.Add("Mailbox-Device-Claim", Guid.NewGuid().ToString());
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}

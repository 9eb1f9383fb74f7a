using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tigress.EndToEnd.Tests.Transfers;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Deployment;

/// <summary><c>tigress relay backup</c> of a running relay under a write load, <c>tigress relay restore</c> into a new
/// data folder, and a new relay there that serves every mailbox acknowledged before the backup began, with the same
/// VAPID key.</summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _folder = TemporaryFolder.Create("backup");

    public void Dispose() => TemporaryFolder.Delete(_folder);

    [Fact]
    public async Task Backup_RunningRelayUnderWrites_RestoresEveryMailboxAcknowledgedBefore()
    {
        // Arrange: a relay with live mailboxes, and writers still creating more.
        var data = Path.Combine(_folder, "data");
        var backup = Path.Combine(_folder, "relay-backup.db");
        var acknowledged = new ConcurrentQueue<Mailbox>();
        JsonObject capabilities;
        await using (var relay = await RelayProcess.StartAsync(data))
        {
            using var http = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
            capabilities = (await http.GetFromJsonAsync<JsonObject>("v1"))!;
            for (var i = 0; i < 50; i++)
            {
                acknowledged.Enqueue(await CreateAsync(http));
            }

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var writers = Enumerable.Range(0, 4).Select(_ => CreateUntilStoppedAsync(http, acknowledged, stop.Token)).ToArray();
            var started = acknowledged.Count;
            while (acknowledged.Count < started + 20 && !stop.IsCancellationRequested)
            {
                await Task.Delay(10);
            }

            // Act: the backup, while the writers go on.
            var beforeBackup = acknowledged.ToArray();
            await using var run = await TigressProcess.RunAsync("relay", "backup", "--data", data, "--to", backup);
            var afterBackup = acknowledged.Count;
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            Assert.True(await run.ExitAsync() == 0, run.Stderr);
            Assert.Matches(@"^Backed up \d+ mailboxes from .+ to .+relay-backup\.db$", Assert.Single(run.Stdout));
            Assert.True(afterBackup > beforeBackup.Length, "No mailbox was created while the backup ran.");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
            }

            // Assert, after restoring into a new folder: every mailbox acknowledged before the backup began.
            var restoredData = Path.Combine(_folder, "restored");
            await using var restore = await TigressProcess.RunAsync("relay", "restore", "--from", backup, "--data", restoredData);
            Assert.True(await restore.ExitAsync() == 0, restore.Stderr);
            Assert.StartsWith("Restored ", Assert.Single(restore.Stdout), StringComparison.Ordinal);

            await using var restored = await RelayProcess.StartAsync(restoredData);
            using var check = new HttpClient { BaseAddress = restored.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
            var lost = new List<Guid>();
            foreach (var mailbox in beforeBackup)
            {
                // A new claim binds as the recipient and reads what the initiator left.
                using var read = await SendAsync(check, HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), null);
                if (read.StatusCode != HttpStatusCode.OK
                    || (await read.Content.ReadFromJsonAsync<JsonObject>())!["payload"]!["data"]!.GetValue<string>() != mailbox.Data)
                {
                    lost.Add(mailbox.Id);
                }
            }

            Assert.True(lost.Count == 0, $"{lost.Count} of {beforeBackup.Length} mailboxes are missing after the restore.");
            var restoredCapabilities = (await check.GetFromJsonAsync<JsonObject>("v1"))!;
            Assert.NotNull(capabilities["vapidPublicKey"]);
            Assert.Equal(capabilities["vapidPublicKey"]!.GetValue<string>(), restoredCapabilities["vapidPublicKey"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Backup_NoDatabase_OnePlainLine()
    {
        await using var run = await TigressProcess.RunAsync("relay", "backup", "--data", Path.Combine(_folder, "nothing"), "--to", Path.Combine(_folder, "b.db"));

        Assert.Equal(2, await run.ExitAsync());
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("tigress relay backup: There is no relay database at ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "b.db")));
    }

    [Fact]
    public async Task Restore_NotABackup_OnePlainLineAndNothingReplaced()
    {
        var notBackup = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(notBackup, "not a database");
        var data = Path.Combine(_folder, "data");

        await using var run = await TigressProcess.RunAsync("relay", "restore", "--from", notBackup, "--data", data);

        Assert.Equal(2, await run.ExitAsync());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("tigress relay restore: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "relay.db")));
    }

    private static async Task CreateUntilStoppedAsync(HttpClient http, ConcurrentQueue<Mailbox> acknowledged, CancellationToken stop)
    {
        for (var i = 0; i < 5_000 && !stop.IsCancellationRequested; i++)
        {
            try
            {
                acknowledged.Enqueue(await CreateAsync(http, stop));
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
            {
                // Stopped, or the answer was cut off: not acknowledged, so not counted.
            }
        }
    }

    private static async Task<Mailbox> CreateAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var claim = Guid.NewGuid();
        var data = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var body = new JsonObject
        {
            ["displayInformation"] = new JsonObject { ["title"] = "Key", ["description"] = "Backup test", ["imageURL"] = "https://images.example.org/k.png" },
            ["payload"] = new JsonObject { ["type"] = "AEAD_AES_128_GCM", ["data"] = data },
        };
        using var response = await SendAsync(http, HttpMethod.Post, "v1/m", claim, body, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["urlLink"]!.GetValue<string>();
        return new Mailbox(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), data);
    }

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

    private sealed record Mailbox(Guid Id, string Data);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;
using Xunit.Abstractions;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>
/// Redis goes away under load and comes back, while one relay process keeps running: the relay answers 503 with
/// Retry-After (never another 5xx), reports itself unhealthy, recovers without a restart, and every write it
/// acknowledged is still there.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private const int Writers = 4;

    [Fact]
    public Task RedisStoppedAndRestarted_AppendOnlyEverySecond_NoAcknowledgedWriteLost() =>
        RunOutageAsync(kill: false, fsync: "everysec");

    [Fact]
    public Task RedisKilledAndRestarted_AppendOnlyAlways_NoAcknowledgedWriteLost() =>
        RunOutageAsync(kill: true, fsync: "always");

    private async Task RunOutageAsync(bool kill, string fsync)
    {
        await using var redis = await RedisServer.StartAsync(null, "--appendonly", "yes", "--appendfsync", fsync);
        await using var relay = await RelayProcess.StartAsync(null, "--store", "redis", "--redis", $"{redis.EndPoint},connectTimeout=2000,asyncTimeout=1000");
        using var http = new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        var api = new MailboxApi(http);

        var mailboxes = new List<(Guid Id, Guid Initiator, Guid Recipient)>();
        for (var i = 0; i < Writers; i++)
        {
            var initiator = Guid.NewGuid();
            var recipient = Guid.NewGuid();
            var mailbox = await api.CreateAsync(initiator, rights: "RWD");
            (await api.ReadAsync(mailbox.Id, recipient)).Dispose();
            mailboxes.Add((mailbox.Id, initiator, recipient));
        }

        var ledger = new Ledger(Writers);
        using var stop = new CancellationTokenSource();
        var load = new List<Task>();
        for (var i = 0; i < Writers; i++)
        {
            load.Add(WriteLoopAsync(api, mailboxes[i].Id, mailboxes[i].Initiator, i, ledger, stop.Token));
            load.Add(LongPollLoopAsync(api, mailboxes[i].Id, mailboxes[i].Recipient, ledger, stop.Token));
        }

        load.Add(CreateLoopAsync(api, ledger, stop.Token));

        // Arrange: some load with Redis up. Act: take Redis away, then bring it back on the same port and files.
        await Task.Delay(1000);
        var acknowledgedBefore = ledger.Acknowledged;
        if (kill)
        {
            redis.Kill();
        }
        else
        {
            await redis.StopAsync();
        }

        var down = Stopwatch.StartNew();
        await WaitForHealthAsync(http, HttpStatusCode.ServiceUnavailable, "Unhealthy", TimeSpan.FromSeconds(10));
        output.WriteLine($"/healthz unhealthy {down.ElapsedMilliseconds} ms after Redis went away");
        // Down for well over the relay's asyncTimeout (1 s), so that requests waiting for Redis are answered 503.
        await Task.Delay(3000);
        var unavailableWhileDown = ledger.Unavailable;
        await redis.StartAgainAsync();
        var up = Stopwatch.StartNew();
        await WaitForHealthAsync(http, HttpStatusCode.OK, "Healthy", TimeSpan.FromSeconds(30));
        output.WriteLine($"/healthz healthy again {up.ElapsedMilliseconds} ms after Redis restarted");
        var acknowledgedAtRecovery = ledger.Acknowledged;
        var settle = Stopwatch.StartNew();
        while (ledger.Acknowledged < acknowledgedAtRecovery + 50 && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Assert: only 503s went wrong, each a proper problem with Retry-After; the relay kept working after.
        output.WriteLine($"{ledger.Acknowledged} writes acknowledged ({acknowledgedBefore} before the outage), {ledger.Unavailable} answered 503");
        if (!ledger.Violations.IsEmpty)
        {
            output.WriteLine("The relay said:\n" + relay.Output);
        }

        Assert.Empty(ledger.Violations);
        Assert.True(unavailableWhileDown > 0, "No request was refused while Redis was away.");
        Assert.True(ledger.Acknowledged >= acknowledgedAtRecovery + 50, "The relay did not recover.");

        // Every acknowledged write is there: each writer's mailbox holds its last acknowledged message, or a
        // later one whose answer was lost; every acknowledged create made a mailbox.
        for (var i = 0; i < Writers; i++)
        {
            using var read = await api.ReadAsync(mailboxes[i].Id, mailboxes[i].Recipient);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var stored = Counter(MailboxApi.DataOf(await MailboxApi.JsonAsync(read)));
            Assert.True(stored >= ledger.LastAcknowledged[i], $"Writer {i}: Redis holds message {stored}, but {ledger.LastAcknowledged[i]} was acknowledged.");
        }

        foreach (var (id, initiator) in ledger.Created)
        {
            using var read = await api.ReadAsync(id, initiator);
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        }

        // The relay said what happened, and its log names no mailbox.
        Assert.Contains("Lost a Redis connection", relay.Output, StringComparison.Ordinal);
        foreach (var id in mailboxes.Select(m => m.Id).Concat(ledger.Created.Select(c => c.Id)))
        {
            Assert.DoesNotContain(id.ToString(), relay.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task WriteLoopAsync(MailboxApi api, Guid id, Guid initiator, int writer, Ledger ledger, CancellationToken stop)
    {
        for (long counter = 1; !stop.IsCancellationRequested; counter++)
        {
            using var response = await api.WriteAsync(id, initiator, Data(counter));
            if (await ledger.CheckAsync(response, HttpStatusCode.OK))
            {
                ledger.LastAcknowledged[writer] = counter;
            }
        }
    }

    private static async Task LongPollLoopAsync(MailboxApi api, Guid id, Guid recipient, Ledger ledger, CancellationToken stop)
    {
        string? etag = null;
        while (!stop.IsCancellationRequested)
        {
            using var response = await api.ReadAsync(id, recipient, request =>
            {
                request.Headers.TryAddWithoutValidation("Prefer", "wait=1");
                if (etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }
            });
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                continue;
            }

            if (await ledger.CheckAsync(response, HttpStatusCode.OK, countAsWrite: false))
            {
                etag = response.Headers.ETag?.Tag;
            }
        }
    }

    private static async Task CreateLoopAsync(MailboxApi api, Ledger ledger, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var initiator = Guid.NewGuid();
            using var response = await api.SendAsync(HttpMethod.Post, "v1/m", initiator, MailboxApi.CreateBody());
            if (await ledger.CheckAsync(response, HttpStatusCode.OK))
            {
                var link = (await MailboxApi.JsonAsync(response))["urlLink"]!.GetValue<string>();
                ledger.Created.Add((Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), initiator));
            }
        }
    }

    private static async Task WaitForHealthAsync(HttpClient http, HttpStatusCode status, string text, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync("healthz");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status && body == text)
            {
                return;
            }

            Assert.True(watch.Elapsed < limit, $"/healthz still answered {(int)response.StatusCode} {body} after {limit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    // The message counter in the first eight bytes; the rest random, as a sealed message would look.
    private static string Data(long counter)
    {
        var bytes = RandomNumberGenerator.GetBytes(48);
        BitConverter.TryWriteBytes(bytes, counter);
        return Convert.ToBase64String(bytes);
    }

    private static long Counter(string data) => BitConverter.ToInt64(Convert.FromBase64String(data), 0);

    private sealed class Ledger(int writers)
    {
        private int _acknowledged;
        private int _unavailable;

        public long[] LastAcknowledged { get; } = new long[writers];

        public ConcurrentBag<(Guid Id, Guid Initiator)> Created { get; } = [];

        public ConcurrentQueue<string> Violations { get; } = new();

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public int Unavailable => Volatile.Read(ref _unavailable);

        /// <summary>True for the expected success; a 503 must be a problem with Retry-After; anything else is a violation.</summary>
        public async Task<bool> CheckAsync(HttpResponseMessage response, HttpStatusCode success, bool countAsWrite = true)
        {
            if (response.StatusCode == success)
            {
                if (countAsWrite)
                {
                    Interlocked.Increment(ref _acknowledged);
                }

                return true;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref _unavailable);
                if (response.Headers.RetryAfter is null
                    || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    || !body.Contains("urn:tigress:problem:unavailable", StringComparison.Ordinal))
                {
                    Violations.Enqueue($"503 without Retry-After or problem body: {body}");
                }

                // A client backs off after a 503 (a real one for Retry-After; here briefly, to keep the test short).
                await Task.Delay(100);
                return false;
            }

            Violations.Enqueue($"{(int)response.StatusCode}: {body}");
            return false;
        }
    }
}

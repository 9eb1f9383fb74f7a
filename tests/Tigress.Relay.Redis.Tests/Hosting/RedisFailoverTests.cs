using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tigress.Protocol.Pake;
using Tigress.Relay.Redis.Tests.TestServices;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;
using Xunit.Abstractions;

namespace Tigress.Relay.Redis.Tests.Hosting;

/// <summary>
/// Failover drills on a cluster of three primaries with a replica each, driven through two relay processes under a
/// load of creates, claims, exchanges and wrong proofs of relay-assisted PINs: no acknowledged claim is ever undone,
/// no acknowledged mailbox goes missing, no acknowledged spent guess is ever given back, and the relay serves again
/// by itself soon after the cluster does.
/// </summary>
public sealed class RedisFailoverTests(ITestOutputHelper output)
{
    // The compressed base point of P-256: a valid blinded element for any evaluation.
    private static readonly string s_basePoint = Base64Url.EncodeToString(Convert.FromHexString("036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"));

    // Failure detection (the node timeout), the replica's election, and the relay finding the new primary, on a busy
    // machine: generous, since only a relay that never recovers should fail.
    private static readonly TimeSpan s_recoveryBound = RedisCluster.NodeTimeout + TimeSpan.FromSeconds(20);

    [Fact]
    public Task PrimaryKilled_AcknowledgedClaimsStayBoundAndTheRelayRecovers() => DrillAsync(async (cluster, load) =>
    {
        // The replica lags behind (stalled, shorter than the node timeout) when its primary dies: whatever the
        // primary acknowledged alone meanwhile would be lost in the failover. A wrong PIN proof on every probe
        // mailbox that primary holds is tried meanwhile, so a spent guess it acknowledged alone would surely be lost.
        var (primary, replicas) = (await cluster.TopologyAsync())[0];
        var replica = Assert.Single(replicas);
        replica.Pause();
        Assert.True(await load.GuessOnProbesAsync(primary) > 0, "No probe mailbox is on the primary to kill; the drill would prove nothing of guesses.");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        primary.Kill();
        replica.Resume();
        return null;
    });

    [Fact]
    public Task ReplicaTakesOverFromAStalledPrimary_AcknowledgedClaimsStayBound() => DrillAsync(async (cluster, _) =>
    {
        var (primary, replicas) = (await cluster.TopologyAsync())[0];
        var replica = Assert.Single(replicas);
        primary.Pause();
        var answer = await replica.CliAsync("cluster", "failover", "takeover");
        Assert.Contains("OK", answer, StringComparison.Ordinal);
        await WaitForAsync(async () => (await replica.CliAsync("role")).StartsWith("master", StringComparison.Ordinal), "the replica to become primary");

        // The old primary wakes up to find itself replaced, and drops what it took alone.
        return () => primary.Resume();
    });

    [Fact]
    public Task EveryReplicaStalled_NoWriteIsAcknowledged() => DrillAsync(async (cluster, _) =>
    {
        var replicas = (await cluster.TopologyAsync()).SelectMany(shard => shard.Replicas).ToArray();
        Assert.Equal(3, replicas.Length);
        foreach (var replica in replicas)
        {
            replica.Pause();
        }

        return () =>
        {
            foreach (var replica in replicas)
            {
                replica.Resume();
            }
        };
    }, stallWrites: true);

    /// <summary>
    /// Runs the load, breaks the cluster with <paramref name="fault"/> (which returns how to heal it, if it must be
    /// healed), then checks every acknowledged claim and mailbox through the relay.
    /// </summary>
    private async Task DrillAsync(Func<RedisCluster, Load, Task<Action?>> fault, bool stallWrites = false)
    {
        await using var cluster = await RedisCluster.StartAsync(replicasPerPrimary: 1);
        await using var relayA = await RelayProcess.StartAsync(null, "--store", "redis", "--redis", cluster.Configuration);
        await using var relayB = await RelayProcess.StartAsync(null, "--store", "redis", "--redis", cluster.Configuration);
        var a = Api(relayA);
        var b = Api(relayB);
        var load = new Load(a, b);
        Action? heal = null;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() => load.RunAsync(worker, stop.Token))).ToArray();
        try
        {
            await WaitForAsync(() => Task.FromResult(load.Claims.Count >= 20), "the load to get going");
            await load.CreateProbesAsync(cluster, stop.Token);
            var faulted = Stopwatch.GetTimestamp();
            heal = await fault(cluster, load);
            var broken = Stopwatch.GetTimestamp();
            if (stallWrites)
            {
                // A wrong PIN proof on every probe, whatever its shard: none may be acknowledged either.
                var probed = await load.GuessOnProbesAsync(primary: null);

                // Long enough for every worker to try writes while no replica can confirm them, and for those writes
                // (the probes' first attempts among them) to be answered before the heal: each waits for a
                // confirmation until the relay gives up, which on a loaded machine may take longer than the first 4 s.
                await Task.Delay(TimeSpan.FromSeconds(4));
                await WaitForAsync(
                    () => Task.FromResult(load.Attempts.Any(attempt => attempt.IsWrite && attempt.Started > broken)
                        && load.Attempts.Count(attempt => attempt.IsProbe && attempt.Started > broken) >= probed),
                    "the writes tried while every replica is stalled, and every probe's wrong proof, to be answered");
            }

            var healed = Stopwatch.GetTimestamp();
            heal?.Invoke();
            heal = null;
            var recovered = await RecoveredAsync(a, b, faulted);
            output.WriteLine($"Serving again through both relay nodes {Stopwatch.GetElapsedTime(healed).TotalSeconds:F1} s after the cluster was healed ({recovered.TotalSeconds:F1} s after the fault)");
            Assert.True(
                Stopwatch.GetElapsedTime(healed) <= s_recoveryBound,
                $"The relay took {Stopwatch.GetElapsedTime(healed).TotalSeconds:F1} s to serve again; the bound is {s_recoveryBound.TotalSeconds} s.");

            if (stallWrites)
            {
                var during = load.Attempts.Where(attempt => attempt.IsWrite && attempt.Started > broken && attempt.Answered < healed).ToArray();
                Assert.True(during.Length > 0, "No write was tried while the replicas were stalled; the drill proved nothing.");
                var acknowledged = during.Where(attempt => attempt.Status != HttpStatusCode.ServiceUnavailable).ToArray();
                Assert.True(
                    acknowledged.Length == 0,
                    $"{acknowledged.Length} of {during.Length} writes were answered {string.Join(", ", acknowledged.Select(x => (int)x.Status).Distinct())} while no replica could hold them.");
                output.WriteLine($"{during.Length} writes tried while every replica was stalled: all answered 503");
            }

            // Some more load on the healed cluster, so that retries of what failed during the fault finish too.
            var before = load.Claims.Count;
            await WaitForAsync(() => Task.FromResult(load.Claims.Count >= before + 20), "the load to go on after the fault");
            await load.ProbesGuessedAsync();
        }
        finally
        {
            heal?.Invoke();
            foreach (var node in cluster.Nodes)
            {
                node.Resume();
            }

            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        if (!load.Violations.IsEmpty)
        {
            output.WriteLine("Relay node A said:\n" + Tail(relayA.Output) + "\nRelay node B said:\n" + Tail(relayB.Output));
        }

        Assert.True(load.Violations.IsEmpty, "Answers no client may ever get:\n" + string.Join("\n", load.Violations.Take(20)));
        await VerifyAsync(load, a, b);
        await VerifyGuessesAsync(load, a, b);
        output.WriteLine($"{load.Mailboxes.Count} acknowledged mailboxes, {load.Claims.Count} acknowledged claims and {load.GuessesLeft.Count} PIN mailboxes with acknowledged spent guesses checked after the drill; {load.Attempts.Count(x => x.Status == HttpStatusCode.ServiceUnavailable)} answers were 503");
    }

    // Every acknowledged claim is still bound (a new device is refused), every acknowledged mailbox is still there,
    // and every acknowledged message still reads back.
    private static async Task VerifyAsync(Load load, MailboxApi a, MailboxApi b)
    {
        var missing = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(load.Mailboxes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, _) =>
        {
            var (id, mailbox) = pair;
            using var intruder = await (id.GetHashCode() % 2 == 0 ? a : b).ReadAsync(id, Guid.NewGuid());
            if (load.Claims.ContainsKey(id) && intruder.StatusCode != HttpStatusCode.Unauthorized)
            {
                missing.Add($"a new device claiming an acknowledged claim's mailbox got {(int)intruder.StatusCode}, not 401");
            }

            using var initiator = await (id.GetHashCode() % 2 == 0 ? b : a).ReadAsync(id, mailbox.Initiator);
            if (initiator.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
            {
                missing.Add($"the initiator of an acknowledged mailbox got {(int)initiator.StatusCode}");
            }
            else if (mailbox.Message is { } message && initiator.StatusCode == HttpStatusCode.OK)
            {
                var read = await MailboxApi.JsonAsync(initiator);
                if (MailboxApi.DataOf(read) != message)
                {
                    missing.Add("the initiator did not read the recipient's acknowledged message");
                }
            }
            else if (mailbox.Message is not null)
            {
                missing.Add("the recipient's acknowledged message is gone");
            }
        });

        Assert.True(missing.IsEmpty, $"{missing.Count} acknowledged changes were undone, e.g.:\n" + string.Join("\n", missing.Take(20)));
    }

    // Every acknowledged wrong proof stays spent: the guesses left are at most the fewest an answer acknowledged, and a
    // mailbox whose last guess was acknowledged stays locked.
    private static async Task VerifyGuessesAsync(Load load, MailboxApi a, MailboxApi b)
    {
        var givenBack = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(load.GuessesLeft, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, _) =>
        {
            var (id, acknowledged) = pair;
            using var response = await (id.GetHashCode() % 2 == 0 ? a : b).SendAsync(
                HttpMethod.Post, $"v1/m/{id}/pin", Guid.NewGuid(), new JsonObject { ["blindedElement"] = s_basePoint });
            var json = response.Content.Headers.ContentLength is 0 ? null : await MailboxApi.JsonAsync(response);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var left = json!["guessesLeft"]!.GetValue<int>();
                if (acknowledged == 0 || left > acknowledged)
                {
                    givenBack.Add($"a mailbox acknowledged with {acknowledged} guesses left now has {left}");
                }
            }
            else if (json?["type"]?.GetValue<string>() != "urn:tigress:problem:pin-locked")
            {
                givenBack.Add($"an evaluation of a PIN mailbox acknowledged with {acknowledged} guesses left got {(int)response.StatusCode}");
            }
        });

        Assert.True(givenBack.IsEmpty, $"{givenBack.Count} acknowledged spent guesses were given back, e.g.:\n" + string.Join("\n", givenBack.Take(20)));
    }

    // Serving again: a create and a claim through each node succeed.
    private static async Task<TimeSpan> RecoveredAsync(MailboxApi a, MailboxApi b, long since)
    {
        await WaitForAsync(async () =>
        {
            foreach (var (first, second) in new[] { (a, b), (b, a) })
            {
                using var created = await first.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody());
                if (created.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                var link = (await MailboxApi.JsonAsync(created))["urlLink"]!.GetValue<string>();
                using var claimed = await second.ReadAsync(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), Guid.NewGuid());
                if (claimed.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }

            return true;
        }, "the relay to serve again", s_recoveryBound + TimeSpan.FromSeconds(10));
        return Stopwatch.GetElapsedTime(since);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > (limit ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"Gave up waiting for {what} after {watch.Elapsed.TotalSeconds:F0} s.");
            }

            await Task.Delay(100);
        }
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    private static MailboxApi Api(RelayProcess relay) => new(new HttpClient { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(60) });

    private sealed record Attempt(bool IsWrite, long Started, long Answered, HttpStatusCode Status, bool IsProbe = false);

    private sealed record AcknowledgedMailbox(Guid Initiator, string? Message);

    /// <summary>
    /// Clients that create a mailbox through one node, claim it and answer through the other, and read the answer
    /// back, retrying each 503 with the same request id as a real client does. Only what was acknowledged is kept.
    /// </summary>
    private sealed class Load(MailboxApi a, MailboxApi b)
    {
        public ConcurrentDictionary<Guid, AcknowledgedMailbox> Mailboxes { get; } = new();

        public ConcurrentDictionary<Guid, Guid> Claims { get; } = new();

        public ConcurrentQueue<Attempt> Attempts { get; } = new();

        public ConcurrentQueue<string> Violations { get; } = new();

        /// <summary>The fewest guesses left any acknowledged wrong proof answered, per PIN mailbox.</summary>
        public ConcurrentDictionary<Guid, int> GuessesLeft { get; } = new();

        /// <summary>PIN mailboxes made before the fault, for wrong proofs tried during it.</summary>
        private List<Guid> Probes { get; } = [];

        private ConcurrentQueue<Task> ProbeGuesses { get; } = new();

        /// <summary>Creates PIN mailboxes with ten guesses, through both nodes, until every primary holds at least two.</summary>
        public async Task CreateProbesAsync(RedisCluster cluster, CancellationToken stop)
        {
            var primaries = (await cluster.TopologyAsync()).Select(shard => shard.Primary).ToArray();
            var held = new int[primaries.Length];
            for (var i = 0; held.Any(count => count < 2); i++)
            {
                Assert.True(i < 100, "A hundred probe mailboxes left a primary with fewer than two.");
                var id = await CreatePinMailboxAsync(i % 2 == 0 ? a : b, guesses: 10, stop);
                Assert.True(id is not null, "A probe mailbox could not be created before the fault.");
                Probes.Add(id.Value);
                for (var p = 0; p < primaries.Length; p++)
                {
                    held[p] += await HoldsAsync(primaries[p], id.Value) ? 1 : 0;
                }
            }
        }

        /// <summary>
        /// Starts one wrong proof on every probe <paramref name="primary"/> holds (every probe for <see langword="null"/>),
        /// each retried like any client's until answered; returns how many were started.
        /// </summary>
        public async Task<int> GuessOnProbesAsync(RedisServer? primary)
        {
            var started = 0;
            foreach (var (probe, index) in Probes.Select((probe, index) => (probe, index)))
            {
                if (primary is null || await HoldsAsync(primary, probe))
                {
                    ProbeGuesses.Enqueue(Task.Run(() => WrongProofAsync(index % 2 == 0 ? b : a, probe, isProbe: true, CancellationToken.None)));
                    started++;
                }
            }

            return started;
        }

        public Task ProbesGuessedAsync() => Task.WhenAll(ProbeGuesses);

        // A primary answers EXISTS for a key of a slot it serves; for any other it answers MOVED.
        private static async Task<bool> HoldsAsync(RedisServer primary, Guid mailbox) =>
            (await primary.CliAsync("exists", (string)new RedisKeys("tigress:").Mailbox(mailbox)!)).Trim() == "1";

        public async Task RunAsync(int worker, CancellationToken stop)
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var (first, second) = (worker + round) % 2 == 0 ? (a, b) : (b, a);
                try
                {
                    await ExchangeAsync(first, second, stop);
                    if (round % 2 == 1 && !stop.IsCancellationRequested)
                    {
                        await WrongPinsAsync(first, second, stop);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
                {
                    // Stopped, or a request cut off when the load ends: nothing was acknowledged.
                }
            }
        }

        private async Task ExchangeAsync(MailboxApi first, MailboxApi second, CancellationToken stop)
        {
            var initiator = Guid.NewGuid();
            var body = MailboxApi.CreateBody(rights: "RW");
            var createId = Guid.NewGuid(); // One request id per logical request, kept across its retries.
            var (created, createdJson) = await SendAsync(() => first.SendAsync(HttpMethod.Post, "v1/m", initiator, body, createId), isWrite: true, stop);
            if (created is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                Expect(created, "create");
                return;
            }

            var link = createdJson!["urlLink"]!.GetValue<string>();
            var id = Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
            Mailboxes[id] = new AcknowledgedMailbox(initiator, null);

            var recipient = Guid.NewGuid();
            var claimId = Guid.NewGuid();
            var (claimed, _) = await SendAsync(() => second.ReadAsync(id, recipient, requestId: claimId), isWrite: true, stop);
            if (claimed is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                Expect(claimed, "claim");
                return;
            }

            Claims[id] = recipient;
            var message = MailboxApi.SealedData();
            var writeId = Guid.NewGuid();
            var (written, _) = await SendAsync(() => second.WriteAsync(id, recipient, message, writeId), isWrite: true, stop);
            if (written is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                Expect(written, "write");
                return;
            }

            Mailboxes[id] = new AcknowledgedMailbox(initiator, message);
            var (read, readJson) = await SendAsync(() => first.ReadAsync(id, initiator), isWrite: false, stop);
            if (read == HttpStatusCode.OK && MailboxApi.DataOf(readJson!) != message)
            {
                Violations.Enqueue("the initiator read something else than the acknowledged message");
            }
            else if (read != HttpStatusCode.OK)
            {
                Expect(read, "read");
            }
        }

        // A PIN mailbox created through one node, then wrong proofs through the other until it locks. Each wrong proof
        // is a write: acknowledged (403 wrong-pin) only once the replicas hold the spent guess.
        private async Task WrongPinsAsync(MailboxApi first, MailboxApi second, CancellationToken stop)
        {
            if (await CreatePinMailboxAsync(first, guesses: 2, stop) is not { } id)
            {
                return;
            }

            for (var guess = 0; guess < 2 && !stop.IsCancellationRequested; guess++)
            {
                if (!await WrongProofAsync(second, id, isProbe: false, stop))
                {
                    return;
                }
            }
        }

        private async Task<Guid?> CreatePinMailboxAsync(MailboxApi node, int guesses, CancellationToken stop)
        {
            var body = MailboxApi.CreateBody();
            body["pinProtection"] = new JsonObject
            {
                ["oprfKey"] = Base64Url.EncodeToString(P256Oprf.GenerateKey()),
                ["verifier"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
                ["guesses"] = guesses,
            };
            var createId = Guid.NewGuid();
            var (created, createdJson) = await SendAsync(() => node.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body, createId), isWrite: true, stop);
            if (created is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                Expect(created, "create of a PIN mailbox");
                return null;
            }

            var link = createdJson!["urlLink"]!.GetValue<string>();
            return Guid.Parse(link[(link.LastIndexOf('/') + 1)..]);
        }

        // Any 32 bytes are a wrong proof: the verifier is random. True when it was acknowledged (403 wrong-pin).
        private async Task<bool> WrongProofAsync(MailboxApi node, Guid id, bool isProbe, CancellationToken stop)
        {
            var claim = Guid.NewGuid();
            var readId = Guid.NewGuid();
            var proof = new JsonObject { ["pinProof"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) };
            var (status, json) = await SendAsync(() => node.SendAsync(HttpMethod.Post, $"v1/m/{id}", claim, proof, readId), isWrite: true, stop, isProbe);
            if (status != HttpStatusCode.Forbidden || json?["type"]?.GetValue<string>() != "urn:tigress:problem:wrong-pin")
            {
                Expect(status, "wrong PIN proof");
                return false;
            }

            var left = json["guessesLeft"]!.GetValue<int>();
            lock (GuessesLeft)
            {
                if (GuessesLeft.TryGetValue(id, out var before) && left >= before)
                {
                    Violations.Enqueue($"a wrong PIN proof left {left} guesses after one acknowledged {before}: a spent guess was given back");
                }

                GuessesLeft[id] = Math.Min(left, GuessesLeft.TryGetValue(id, out var known) ? known : left);
            }

            return true;
        }

        // A 503 (the only failure a fault may cause) is retried with the same request: the store's record makes it safe.
        private async Task<(HttpStatusCode Status, JsonObject? Json)> SendAsync(Func<Task<HttpResponseMessage>> send, bool isWrite, CancellationToken stop, bool isProbe = false)
        {
            for (var attempt = 0; ; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await send();
                Attempts.Enqueue(new Attempt(isWrite, started, Stopwatch.GetTimestamp(), response.StatusCode, isProbe));
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    if (!response.Headers.Contains("Retry-After"))
                    {
                        Violations.Enqueue("a 503 without Retry-After");
                    }

                    if (attempt < 40 && !stop.IsCancellationRequested)
                    {
                        await Task.Delay(250, CancellationToken.None);
                        continue;
                    }

                    return (response.StatusCode, null);
                }

                var json = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Forbidden
                    && response.Content.Headers.ContentLength is not 0
                    ? await MailboxApi.JsonAsync(response)
                    : null;
                return (response.StatusCode, json);
            }
        }

        private void Expect(HttpStatusCode status, string what)
        {
            if (status != HttpStatusCode.ServiceUnavailable)
            {
                Violations.Enqueue($"a {what} after acknowledged steps answered {(int)status}");
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;
using Xunit.Abstractions;

namespace Tigress.Relay.Tests.Fuzzing;

/// <summary>
/// Mutated requests to every endpoint of a real relay over loopback TCP: damaged bytes and JSON-aware changes of
/// valid bodies and headers, from fixed seeds plus one random seed that every failure message names. No answer may
/// be a 5xx, every 4xx from the pipeline is problem+json,
/// Kestrel's own rejections are exactly the documented ones, and the relay still serves a new mailbox afterwards.
/// Counts and time are bounded: each pass stops at its budget, however loaded the machine.
/// </summary>
public sealed class RelayFuzzTests(ITestOutputHelper output)
{
    private static readonly int[] s_fixedSeeds = [20261201, 7, 424242];
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Fuzz_RaisedRateLimits_NoServerErrorAndEveryPipelineErrorIsProblemJson()
    {
        var randomSeed = Random.Shared.Next();
        var logs = new CapturedLogs();
        await using var relay = await LoopbackRelay.StartAsync(Settings(new()
        {
            // Raised, not off: the limiter stays in the pipeline, but the fuzzer from one address reaches the handlers.
            ["Relay:RateLimits:CreatePerMinute"] = "1000000",
            ["Relay:RateLimits:ClaimPerMinute"] = "1000000",
        }), services => services.AddSingleton<ILoggerProvider>(logs));

        var report = await FuzzAsync(relay, [.. s_fixedSeeds, randomSeed], rawPerEndpoint: 200, jsonPerEndpoint: 200, kept: 12, doomed: 60, budget: TimeSpan.FromSeconds(40));

        report.AssertKeptTheRules(minimumAnsweredPerEndpoint: 20);
        await AssertServesANewMailboxAsync(relay, IPAddress.Loopback, report.Seeds);

        // Bad input is the client's fault: nothing of it may reach the logs as an error of the relay.
        var errors = logs.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"Fuzzing (seeds {report.Seeds}) logged {errors.Count} errors, the first:\n{errors.FirstOrDefault()}");
    }

    [Fact]
    public async Task Fuzz_DefaultRateLimits_TooManyIsProblemJson_AndAnotherClientIsStillServed()
    {
        var randomSeed = Random.Shared.Next();
        await using var relay = await LoopbackRelay.StartAsync(Settings([]));

        // 60 creates a minute per client by default: 120 mutated creates, most of which reach the create endpoint,
        // and the pools run into the limit.
        var report = await FuzzAsync(relay, [s_fixedSeeds[0], randomSeed], rawPerEndpoint: 30, jsonPerEndpoint: 30, kept: 3, doomed: 3, budget: TimeSpan.FromSeconds(15));

        report.AssertKeptTheRules(minimumAnsweredPerEndpoint: 5);
        Assert.True(report.Count("POST /v1/m", 429) > 0, $"No create was rate limited (seeds {report.Seeds}): the default limits were not in force.");

        // The limit is per client: the fuzzer's address is spent, another loopback address is not.
        await AssertServesANewMailboxAsync(relay, IPAddress.Parse("127.0.0.2"), report.Seeds);
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Relay:RateLimits:Enabled"] = "true",

            // Long polls end after a second, so a held read does not hold a fuzzing slot for a minute.
            ["Relay:MaxWait"] = "00:00:01",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<FuzzReport> FuzzAsync(LoopbackRelay relay, int[] seeds, int rawPerEndpoint, int jsonPerEndpoint, int kept, int doomed, TimeSpan budget)
    {
        using var http = relay.CreateClient();
        var api = new MailboxApi(http);
        var keptMailboxes = await CreateMailboxesAsync(api, kept);
        var doomedMailboxes = await CreateMailboxesAsync(api, doomed);
        var locations = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var location = FuzzCorpus.NewLocation(new Random(seeds[0] + i));
            using var put = await http.PutAsync($"d/{location}", new ByteArrayContent([1, 2, 3]));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            locations.Add(location);
        }

        // Deletes and relinquishes aim at their own mailboxes, so the others stay alive for the rest of the run.
        var host = $"127.0.0.1:{relay.BaseUri.Port}";
        var corpus = new FuzzCorpus(host, keptMailboxes, locations);
        var doomedCorpus = new FuzzCorpus(host, doomedMailboxes, locations);
        var work = new List<FuzzWork>();
        foreach (var seed in seeds)
        {
            var random = new Random(seed);
            var mutator = new RequestMutator(random);
            foreach (var endpoint in FuzzCorpus.Endpoints)
            {
                var source = endpoint is "DELETE /v1/m/{id}" or "PATCH /v1/m/{id}" ? doomedCorpus : corpus;
                for (var i = 0; i < rawPerEndpoint; i++)
                {
                    var bytes = mutator.MutateRaw(source.Valid(endpoint, random));
                    work.Add(new FuzzWork(seed, endpoint, bytes, bytes.AsSpan().StartsWith("HEAD "u8)));
                }

                for (var i = 0; i < jsonPerEndpoint; i++)
                {
                    var request = mutator.MutateJson(source.Valid(endpoint, random));
                    work.Add(new FuzzWork(seed, endpoint, request.ToBytes(), request.IsHead));
                }
            }
        }

        // Endpoints interleaved, so a budget cut leaves each one fuzzed.
        new Random(seeds[0]).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(work));
        var report = new FuzzReport(string.Join(", ", seeds), work.Count);
        var relayEndpoint = new IPEndPoint(IPAddress.Loopback, relay.BaseUri.Port);
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(budget);
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = deadline.Token }, async (item, cancellationToken) =>
            {
                var response = await RawHttpExchange.SendAsync(relayEndpoint, item.Request, item.IsHead, s_patience, cancellationToken);
                report.Record(item, response);
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The budget is spent: what ran is judged below.
        }

        output.WriteLine(report.Summary(clock.Elapsed));
        return report;
    }

    private static async Task<List<FuzzMailbox>> CreateMailboxesAsync(MailboxApi api, int count)
    {
        var mailboxes = new List<FuzzMailbox>();
        for (var i = 0; i < count; i++)
        {
            // Every other mailbox has a relay-assisted PIN, which its recipient proved to claim it.
            var initiator = Guid.NewGuid();
            var recipient = Guid.NewGuid();
            var share = i % 2 == 0 ? null : new TestPinShare();
            var mailbox = share is null ? await api.CreateAsync(initiator, rights: "RWD") : await share.CreateAsync(api, initiator, rights: "RWD");
            using var claim = share is null
                ? await api.ReadAsync(mailbox.Id, recipient)
                : await TestPinShare.ReadAsync(api, mailbox.Id, recipient, await share.ProofAsync(api, mailbox.Id, recipient));
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
            mailboxes.Add(new FuzzMailbox(mailbox.Id, initiator, recipient));
        }

        return mailboxes;
    }

    private static async Task AssertServesANewMailboxAsync(LoopbackRelay relay, IPAddress from, string seeds)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = relay.BaseUri, Timeout = TimeSpan.FromSeconds(90) };
        var api = new MailboxApi(http);
        var data = MailboxApi.SealedData();

        using var create = await api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(data: data));
        Assert.True(create.StatusCode == HttpStatusCode.OK, $"After fuzzing (seeds {seeds}) a new mailbox got {(int)create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
        var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();
        using var read = await api.ReadAsync(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(data, MailboxApi.DataOf(await MailboxApi.JsonAsync(read)));
    }

    private sealed record FuzzWork(int Seed, string Endpoint, byte[] Request, bool IsHead);

    private sealed class FuzzReport(string seeds, int planned)
    {
        private readonly ConcurrentQueue<string> _failures = new();
        private readonly ConcurrentDictionary<(string Endpoint, int Status), int> _answers = new();
        private readonly ConcurrentDictionary<string, int> _unanswered = new();
        private readonly ConcurrentDictionary<int, int> _kestrel = new();

        public string Seeds { get; } = seeds;

        public void Record(FuzzWork item, RawResponse? response)
        {
            if (response is null)
            {
                _unanswered.AddOrUpdate(item.Endpoint, 1, (_, n) => n + 1);
                return;
            }

            _answers.AddOrUpdate((item.Endpoint, response.Status), 1, (_, n) => n + 1);
            if (FuzzVerdict.IsKestrelAnswer(response))
            {
                _kestrel.AddOrUpdate(response.Status, 1, (_, n) => n + 1);
            }

            if (FuzzVerdict.Judge(item.Request, item.IsHead, response) is { } why)
            {
                _failures.Enqueue($"seed {item.Seed}, {item.Endpoint}: {why}\n    request: {FuzzRequest.Describe(item.Request)}\n    answer:  {response.Head.Replace("\r\n", " | ", StringComparison.Ordinal)}");
            }
        }

        public int Count(string endpoint, int status) => _answers.GetValueOrDefault((endpoint, status));

        public string Summary(TimeSpan elapsed)
        {
            var lines = new List<string> { $"Seeds {Seeds}: {_answers.Values.Sum()} answered, {_unanswered.Values.Sum()} unanswered of {planned} planned, in {elapsed.TotalSeconds:F1} s." };
            foreach (var endpoint in FuzzCorpus.Endpoints)
            {
                var statuses = _answers.Where(a => a.Key.Endpoint == endpoint).OrderBy(a => a.Key.Status).Select(a => $"{a.Key.Status}x{a.Value}");
                lines.Add($"  {endpoint}: {string.Join(' ', statuses)}; unanswered {_unanswered.GetValueOrDefault(endpoint)}");
            }

            lines.Add($"  Kestrel's own rejections: {string.Join(' ', _kestrel.OrderBy(k => k.Key).Select(k => $"{k.Key}x{k.Value}"))}");
            return string.Join('\n', lines);
        }

        public void AssertKeptTheRules(int minimumAnsweredPerEndpoint)
        {
            Assert.True(_failures.IsEmpty,
                $"Fuzzing with seeds {Seeds} (the last is random; fix it in s_fixedSeeds to replay) broke the rules {_failures.Count} times:\n"
                + string.Join('\n', _failures.Take(15)));
            foreach (var endpoint in FuzzCorpus.Endpoints)
            {
                var answered = _answers.Where(a => a.Key.Endpoint == endpoint).Sum(a => a.Value);
                Assert.True(answered >= minimumAnsweredPerEndpoint,
                    $"Only {answered.ToString(CultureInfo.InvariantCulture)} mutated requests to {endpoint} were answered (seeds {Seeds}); the fuzzer did not reach it.");
            }
        }
    }
}

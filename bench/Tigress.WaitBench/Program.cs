using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Provisioning;
using Tigress.Relay.Hosting;

// What a waiting share costs and how fast it hears of a claim, over real HTTP on loopback:
//   - claim to display: from the moment a device sends its claiming read to the moment the waiting initiator shows
//     "claimed": the SDK's Claimed event in this process, and with --tigress the `claimed` line that the built
//     `tigress share --json` prints on its standard output (a separate process);
//   - idle requests: what one unclaimed share sends while it waits, on the event stream and long-polling, counted by
//     the client and (for the relay inside this process) by the relay's own metrics.
// Without RELAY_URL it starts a relay in this process, built as `tigress relay` builds it.
// Usage: Tigress.WaitBench [RELAY_URL] [--shares N] [--idle SECONDS (0: skip)] [--tigress PATH/tigress.dll]
var urls = args.Where(a => Uri.TryCreate(a, UriKind.Absolute, out var u) && u.Scheme is "http" or "https").ToList();
var shares = Option("--shares", 20);
var idleSeconds = Option("--idle", 120);
var tigress = Text("--tigress");

WebApplication? relayApp = null;
Uri relay;
if (urls.Count > 0)
{
    relay = new Uri(urls[0].TrimEnd('/') + "/");
}
else
{
    var data = Path.Combine(Path.GetTempPath(), "tigress-waitbench-" + Guid.NewGuid().ToString("N"));
    relayApp = TigressRelayHost.Build(new Dictionary<string, string?>
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Relay:DataDirectory"] = data,
        ["Relay:RateLimits:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    await relayApp.StartAsync();
    relay = new Uri(relayApp.Urls.First().TrimEnd('/') + "/");
}

using var relayReads = relayApp is null ? null : new RelayReadCounter(relayApp.Services.GetRequiredService<IMeterFactory>());
var device = new MailboxClient(new HttpClient { Timeout = TimeSpan.FromSeconds(90) });

Console.WriteLine($"relay={(relayApp is null ? relay : "in-process " + relay)} shares={shares} idle_seconds={idleSeconds}");

// Warm up the JIT and the connections on one share first.
await MeasureSdkClaimAsync();
var sdk = new List<double>();
var answered = new List<double>();
for (var i = 0; i < shares; i++)
{
    var (claimed, answer) = await MeasureSdkClaimAsync();
    sdk.Add(claimed);
    answered.Add(answer);
}

Report("claim_answered_ms", answered);
Report("claim_to_claimed_event_ms (SDK, this process)", sdk);

if (tigress is not null)
{
    var display = new List<double>();
    for (var i = 0; i < shares; i++)
    {
        display.Add(await MeasureCliClaimAsync(tigress));
    }

    Report("claim_to_display_ms (tigress share --json, its own process)", display);
}

// --idle 0 skips the idle waits.
foreach (var useEvents in idleSeconds > 0 ? new[] { true, false } : [])
{
    await MeasureIdleAsync(useEvents);
}

if (relayApp is not null)
{
    await relayApp.StopAsync();
    await relayApp.DisposeAsync();
}

return 0;

async Task<(double Claimed, double Answered)> MeasureSdkClaimAsync()
{
    var counting = new CountingHandler();
    var claimedAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
    var client = new MailboxClient(new HttpClient(counting) { Timeout = TimeSpan.FromSeconds(90) });
    using var session = await TransferSession.ShareAsync(new Tigress.Client.TigressClient(client), Request(), new TransferSessionOptions
    {
        EventOccurred = e =>
        {
            if (e.Kind == TransferEventKind.Claimed)
            {
                claimedAt.TrySetResult(Stopwatch.GetTimestamp());
            }
        },
    });
    while (session.MailboxUri is null)
    {
        await session.StepAsync();
    }

    using var stop = new CancellationTokenSource();
    var running = session.RunAsync(stop.Token);
    await counting.StreamReady.WaitAsync(TimeSpan.FromSeconds(30));

    var before = Stopwatch.GetTimestamp();
    await device.ReadAsync(session.MailboxUri, Guid.NewGuid());
    var answer = Stopwatch.GetTimestamp();
    var claimed = await claimedAt.Task.WaitAsync(TimeSpan.FromSeconds(30));
    await stop.CancelAsync();
    await Quietly(running);
    await session.CancelAsync("benchmark over");
    return (Stopwatch.GetElapsedTime(before, claimed).TotalMilliseconds, Stopwatch.GetElapsedTime(before, answer).TotalMilliseconds);
}

async Task<double> MeasureCliClaimAsync(string dll)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
    foreach (var argument in new[] { dll, "share", "--relay", relay.AbsoluteUri, "--text", "benchmark", "--json" })
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    using var process = Process.Start(start)!;
    var lines = new BlockingCollection<(long At, string Line)>();
    process.OutputDataReceived += (_, e) =>
    {
        if (e.Data is not null)
        {
            lines.Add((Stopwatch.GetTimestamp(), e.Data));
        }
    };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        var url = Parse(NextLine(lines).Line).GetProperty("url").GetString()!;
        while (Parse(NextLine(lines).Line).GetProperty("event").GetString() != "waiting")
        {
        }

        // The share is waiting; give it the moment it needs to open its stream.
        await Task.Delay(300);
        var before = Stopwatch.GetTimestamp();
        await device.ReadAsync(new Uri(new Uri(url).GetLeftPart(UriPartial.Path)), Guid.NewGuid());
        while (true)
        {
            var (at, line) = NextLine(lines);
            if (Parse(line).GetProperty("event").GetString() == "claimed")
            {
                return Stopwatch.GetElapsedTime(before, at).TotalMilliseconds;
            }
        }
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

async Task MeasureIdleAsync(bool useEvents)
{
    var counting = new CountingHandler();
    var client = new MailboxClient(new HttpClient(counting) { Timeout = TimeSpan.FromSeconds(90) });
    var options = new TransferSessionOptions { UseServerSentEvents = useEvents };
    using var session = await TransferSession.ShareAsync(new Tigress.Client.TigressClient(client), Request(), options);
    while (session.MailboxUri is null)
    {
        await session.StepAsync();
    }

    counting.Reset();
    var readsBefore = relayReads?.Reads ?? 0;
    using var stop = new CancellationTokenSource();
    var running = session.RunAsync(stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
    var (streams, reads, held) = counting.Counts;
    var relaySide = relayReads is null ? "n/a" : (relayReads.Reads - readsBefore).ToString(System.Globalization.CultureInfo.InvariantCulture);
    await stop.CancelAsync();
    await Quietly(running);
    await session.CancelAsync("benchmark over");
    Console.WriteLine(
        $"idle_wait mode={(useEvents ? "event-stream" : "long-poll")} long_poll_wait_s={options.LongPollWait.TotalSeconds:F0} seconds={idleSeconds} "
        + $"client_requests={streams + reads} event_streams={streams} reads={reads} reads_with_prefer_wait={held} relay_reads_answered={relaySide}");
}

static async Task Quietly(Task task)
{
    try
    {
        await task;
    }
    catch (OperationCanceledException)
    {
    }
}

ShareRequest Request() => new()
{
    RelayUri = relay,
    Format = AuthorizationTokenVertical.FormatName,
    Content = Encoding.UTF8.GetBytes("benchmark"),
    DisplayInformation = new DisplayInformation("Benchmark", "A share nobody completes", new Uri("https://images.example.org/bench.png")),
};

static (long At, string Line) NextLine(BlockingCollection<(long At, string Line)> lines) =>
    lines.Take(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

static void Report(string name, List<double> samples)
{
    var sorted = samples.Order().ToArray();
    double At(double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
    Console.WriteLine($"{name} n={sorted.Length} p50={At(0.50):F2} p90={At(0.90):F2} p99={At(0.99):F2} max={At(1):F2}");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>Counts a client's requests: event streams opened, reads, and reads that long-poll.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _streamReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _streams;
    private int _reads;
    private int _held;
    private volatile bool _streamOpen;

    /// <summary>Completes once the stream is open and the read after it has been answered: the share is waiting.</summary>
    public Task StreamReady => _streamReady.Task;

    public (int Streams, int Reads, int Held) Counts => (Volatile.Read(ref _streams), Volatile.Read(ref _reads), Volatile.Read(ref _held));

    public void Reset()
    {
        Interlocked.Exchange(ref _streams, 0);
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _held, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var isStream = request.Method == HttpMethod.Get && path.EndsWith("/events", StringComparison.Ordinal);
        var isRead = request.Method == HttpMethod.Post && !path.EndsWith("/v1/m", StringComparison.Ordinal);
        if (isStream)
        {
            Interlocked.Increment(ref _streams);
        }
        else if (isRead)
        {
            Interlocked.Increment(ref _reads);
            if (request.Headers.Contains("Prefer"))
            {
                Interlocked.Increment(ref _held);
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (isStream && response.IsSuccessStatusCode)
        {
            _streamOpen = true;
        }
        else if (isRead && _streamOpen)
        {
            _streamReady.TrySetResult();
        }

        return response;
    }
}

/// <summary>Counts the reads the in-process relay answered, from its own metrics.</summary>
internal sealed class RelayReadCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _reads;

    public RelayReadCounter(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "tigress.relay.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "tigress.operation" && tag.Value is "read")
                {
                    Interlocked.Increment(ref _reads);
                }
            }
        });
        _listener.Start();
    }

    public int Reads => Volatile.Read(ref _reads);

    public void Dispose() => _listener.Dispose();
}

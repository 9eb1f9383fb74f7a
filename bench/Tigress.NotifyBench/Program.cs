using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Hosting;

// Measures the time from one side's write (just before the PUT is sent) to the other side's receipt of
//   - the `updated` Server-Sent Event on its open stream, and
//   - the Web Push message at its push service (played here by Kestrel on 127.0.0.1),
// over real HTTP on loopback. Without RELAY_URL it starts a relay in this process, built as `tigress relay`
// builds it; an external relay must run with --push-allow-loopback and --no-rate-limit.
// Usage: Tigress.NotifyBench [RELAY_URL] [--mailboxes N] [--writes N] [--parallel N] [--warmup N]
// --warmup: mailboxes of 20 writes run first and not recorded (default 20), so that the relay's and this tool's
// code is compiled at its final tier before anything is measured.
var options = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && Uri.TryCreate(a, UriKind.Absolute, out _)).ToList();
var mailboxes = Option("--mailboxes", 20);
var writes = Option("--writes", 20);
var parallel = Option("--parallel", 1);
var warmup = Option("--warmup", 20);

await using var push = await PushReceiver.StartAsync();
WebApplication? relayApp = null;
Uri relay;
if (options.Count > 0)
{
    relay = new Uri(options[0].TrimEnd('/') + "/");
}
else
{
    var data = Path.Combine(Path.GetTempPath(), "tigress-notifybench-" + Guid.NewGuid().ToString("N"));
    relayApp = TigressRelayHost.Build(new Dictionary<string, string?>
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Relay:DataDirectory"] = data,
        ["Relay:RateLimits:Enabled"] = "false",
        ["Relay:Push:AllowLoopback"] = "true",
        ["Relay:Push:VapidSubject"] = "mailto:bench@example.org",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    await relayApp.StartAsync();
    relay = new Uri(relayApp.Urls.First().TrimEnd('/') + "/");
}

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = relay, Timeout = TimeSpan.FromSeconds(30) };
var sse = new ConcurrentBag<double>();
var pushes = new ConcurrentBag<double>();
var writeTimes = new ConcurrentBag<double>();

// Warm up the JIT, the connections and the push client first.
for (var n = 0; n < warmup; n++)
{
    await RunMailboxAsync($"warmup{n}", 20, record: false);
}

var started = Stopwatch.GetTimestamp();
using (var gate = new SemaphoreSlim(parallel))
{
    await Task.WhenAll(Enumerable.Range(0, mailboxes).Select(async n =>
    {
        await gate.WaitAsync();
        try
        {
            await RunMailboxAsync($"m{n}", writes, record: true);
        }
        finally
        {
            gate.Release();
        }
    }));
}

var elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"relay={(relayApp is null ? relay : "in-process " + relay)} mailboxes={mailboxes} writes_per_mailbox={writes} parallel={parallel} seconds={elapsed.TotalSeconds:F1}");
Report("write_to_sse_event_ms", sse);
Report("write_to_push_received_ms", pushes);
Report("write_response_ms", writeTimes);
if (relayApp is not null)
{
    await relayApp.StopAsync();
    await relayApp.DisposeAsync();
}

return 0;

async Task RunMailboxAsync(string name, int count, bool record)
{
    var initiator = Guid.NewGuid();
    var recipient = Guid.NewGuid();
    var subscription = Subscription(push.Endpoint(name));
    var payload = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
    var created = await SendAsync(HttpMethod.Post, "v1/m", initiator,
        $$$"""{"displayInformation":{"title":"Car key","description":"Benchmark","imageURL":"https://images.example.org/car.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"{{{payload}}}"},"mailboxConfiguration":{"accessRights":"RW"},"notificationToken":{"type":"webpush","tokenData":{{{subscription}}}}}""");
    var text = await created.Content.ReadAsStringAsync();
    var path = "v1/m/" + text.Substring(text.IndexOf("/v1/m/", StringComparison.Ordinal) + 6, 36);
    using var stream = await EventStream.OpenAsync(http, path + "/events", initiator);
    (await SendAsync(HttpMethod.Post, path, recipient, null)).Dispose();
    await stream.NextAsync();
    await push.NextAsync(name);
    var update = $$$"""{"payload":{"type":"AEAD_AES_128_GCM","data":"{{{payload}}}"}}""";
    for (var i = 0; i < count; i++)
    {
        var before = Stopwatch.GetTimestamp();
        using var written = await SendAsync(HttpMethod.Put, path, recipient, update);
        var answered = Stopwatch.GetTimestamp();
        var eventAt = await stream.NextAsync();
        var pushAt = await push.NextAsync(name);
        if (record)
        {
            writeTimes.Add(Stopwatch.GetElapsedTime(before, answered).TotalMilliseconds);
            sse.Add(Stopwatch.GetElapsedTime(before, eventAt).TotalMilliseconds);
            pushes.Add(Stopwatch.GetElapsedTime(before, pushAt).TotalMilliseconds);
        }
    }

    (await SendAsync(HttpMethod.Delete, path, initiator, null)).Dispose();
}

async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Guid claim, string? body)
{
    using var request = new HttpRequestMessage(method, path);
    request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", Guid.NewGuid().ToString());
    request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", claim.ToString());
    if (body is not null)
    {
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
    }

    var response = await http.SendAsync(request);
    await response.Content.LoadIntoBufferAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    return response;
}

static string Subscription(string endpoint)
{
    using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    var q = key.ExportParameters(false).Q;
    var p256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
    var auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
    return $$$"""{"endpoint":"{{{endpoint}}}","keys":{"p256dh":"{{{p256dh}}}","auth":"{{{auth}}}"}}""";
}

static void Report(string name, ConcurrentBag<double> samples)
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

/// <summary>A push service on 127.0.0.1 that notes when each message for a subscription arrives.</summary>
internal sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Channel<long>> _arrivals = new();

    private PushReceiver(WebApplication app) => _app = app;

    public static async Task<PushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new PushReceiver(app);
        app.MapPost("/push/{name}", async (HttpContext context, string name) =>
        {
            var at = Stopwatch.GetTimestamp();
            await context.Request.Body.CopyToAsync(Stream.Null);
            receiver.Arrivals(name).Writer.TryWrite(at);
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await app.StartAsync();
        return receiver;
    }

    public string Endpoint(string name) => $"{_app.Urls.First().TrimEnd('/')}/push/{name}";

    public async Task<long> NextAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Arrivals(name).Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Channel<long> Arrivals(string name) => _arrivals.GetOrAdd(name, _ => Channel.CreateUnbounded<long>());
}

/// <summary>An event stream whose events are timestamped as their last line arrives.</summary>
internal sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<long> _events = Channel.CreateUnbounded<long>();

    private EventStream(HttpResponseMessage response) => _response = response;

    public static async Task<EventStream> OpenAsync(HttpClient http, string path, Guid claim)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", claim.ToString());
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
        }

        var stream = new EventStream(response);
        stream._pump = stream.PumpAsync(await response.Content.ReadAsStreamAsync());
        return stream;
    }

    public async Task<long> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    // A read still pending when the response is disposed could take the next response's bytes off a reused
    // connection; cancelling it first makes the client drop the connection instead.
    public void Dispose()
    {
        _stop.Cancel();
        _pump?.Wait(TimeSpan.FromSeconds(5));
        _response.Dispose();
        _stop.Dispose();
    }

    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    private async Task PumpAsync(Stream body)
    {
        try
        {
            using var reader = new StreamReader(body);
            var data = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0 && data)
                {
                    _events.Writer.TryWrite(Stopwatch.GetTimestamp());
                    data = false;
                }

                data |= line.StartsWith("data:", StringComparison.Ordinal);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException)
        {
            // The stream was closed.
        }
    }
}

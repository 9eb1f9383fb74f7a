using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;

// Runs complete exchanges against a server for a fixed time and prints exchanges per second.
// mailbox mode (against a relay): create (initiator) -> claim and read (recipient) -> answer (recipient)
//   -> read (initiator) -> delete; five requests.
// dropbox mode (against any base URL that takes PUT/GET/DELETE: the relay's /d/, or an nginx WebDAV folder):
//   PUT a message at a fresh 43-character location -> GET it -> DELETE it; three requests, the store-and-forward
//   work both servers can do, so their throughput compares directly.
// Usage: Tigress.Bench URL [--mode mailbox|dropbox] [--seconds N] [--connections N] [--bytes N]
if (args.Length < 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var relay))
{
    Console.Error.WriteLine("usage: Tigress.Bench URL [--mode mailbox|dropbox] [--seconds N] [--connections N] [--bytes N]");
    return 2;
}

var mode = OptionText("--mode", "mailbox");
if (mode is not ("mailbox" or "dropbox"))
{
    Console.Error.WriteLine("--mode must be mailbox or dropbox");
    return 2;
}

var seconds = Option("--seconds", 10);
var connections = Option("--connections", 32);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = relay,
};
var messageBytes = Option("--bytes", 96);
var message = RandomNumberGenerator.GetBytes(messageBytes);
var payload = Convert.ToBase64String(message);
var requestsPerExchange = mode == "mailbox" ? 5 : 3;
var createBody = $$$"""{"displayInformation":{"title":"Car key","description":"Benchmark","imageURL":"https://images.example.org/car.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"{{{payload}}}"},"mailboxConfiguration":{"accessRights":"RWD"}}""";
var updateBody = $$$"""{"payload":{"type":"AEAD_AES_128_GCM","data":"{{{payload}}}"}}""";

// Warm up connections and the JIT before measuring.
await RunAsync(TimeSpan.FromSeconds(2));
var (exchanges, failures, latencies) = await RunAsync(TimeSpan.FromSeconds(seconds));
latencies.Sort();
Console.WriteLine($"url={relay} mode={mode} connections={connections} seconds={seconds} bytes={messageBytes}");
Console.WriteLine($"exchanges={exchanges} failures={failures} exchanges_per_second={exchanges / (double)seconds:F0} requests_per_second={exchanges * requestsPerExchange / (double)seconds:F0}");
Console.WriteLine($"exchange_latency_ms p50={Percentile(0.50):F2} p99={Percentile(0.99):F2}");
return failures == 0 ? 0 : 1;

double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];

async Task<(long Exchanges, long Failures, List<double> Latencies)> RunAsync(TimeSpan duration)
{
    long done = 0;
    long failed = 0;
    var all = new List<double>();
    var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, connections).Select(async _ =>
    {
        var mine = new List<double>();
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var started = Stopwatch.GetTimestamp();
            if (await (mode == "mailbox" ? ExchangeAsync() : DropboxExchangeAsync()))
            {
                Interlocked.Increment(ref done);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        }

        lock (all)
        {
            all.AddRange(mine);
        }
    }).ToArray();
    await Task.WhenAll(workers);
    return (done, failed, all);
}

async Task<bool> ExchangeAsync()
{
    var initiator = Guid.NewGuid();
    var recipient = Guid.NewGuid();
    using var created = await SendAsync(HttpMethod.Post, "v1/m", initiator, createBody);
    if (created.StatusCode != HttpStatusCode.OK)
    {
        return false;
    }

    var text = await created.Content.ReadAsStringAsync();
    var start = text.IndexOf("/v1/m/", StringComparison.Ordinal) + 6;
    var path = "v1/m/" + text.Substring(start, 36);
    using var claim = await SendAsync(HttpMethod.Post, path, recipient, null);
    using var answer = await SendAsync(HttpMethod.Put, path, recipient, updateBody);
    using var read = await SendAsync(HttpMethod.Post, path, initiator, null);
    using var delete = await SendAsync(HttpMethod.Delete, path, initiator, null);
    return claim.StatusCode == HttpStatusCode.OK && answer.StatusCode == HttpStatusCode.OK
        && read.StatusCode == HttpStatusCode.OK && delete.StatusCode == HttpStatusCode.OK;
}

async Task<bool> DropboxExchangeAsync()
{
    var location = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    using var content = new ByteArrayContent(message);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    using var put = await http.PutAsync(location, content);
    using var get = await http.GetAsync(location);
    var body = await get.Content.ReadAsByteArrayAsync();
    using var delete = await http.DeleteAsync(location);
    return put.StatusCode == HttpStatusCode.Created && get.StatusCode == HttpStatusCode.OK
        && body.AsSpan().SequenceEqual(message) && delete.IsSuccessStatusCode;
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
    return response;
}

string OptionText(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}

using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Tigress.Client;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Pake;
using Tigress.Protocol.Provisioning;

// The relay-assisted PIN (docs/protocol.md section 12.6), measured against a running relay on loopback.
//
// create: makes the mailboxes bench/wrk/pin.lua works on, and writes their paths to OUT_DIR:
//   evaluate.txt PIN mailboxes for evaluations (POST /v1/m/{id}/pin), which spend nothing
//   wrong.txt  PIN mailboxes with 10 guesses for claims with a wrong proof (each spends one guess)
//   right.txt  PIN mailboxes for claims with the right proof (each binds its mailbox: one per request)
//   claim.txt  mailboxes without a PIN for plain claiming reads (each binds its mailbox: one per request)
//   read.txt   mailboxes without a PIN, already claimed, as "PATH CLAIM", for the bound recipient's reads
//   params.env BLINDED, RIGHT_PROOF, WRONG_PROOF (base64url), for the wrk script
// Every PIN mailbox carries the same OPRF key and verifier, made once the way the SDK makes them (RelayPinShare for
// the initiator's side, RelayPinGuess for the recipient's), so the right proof is a real one; the relay keeps them
// per mailbox and does the same work whichever values they are.
//
// receive: N times, shares a text with a PIN through the SDK (PinMode.Automatic: relay-assisted where the relay
// offers it), drops the sender's session once the link exists, and times TransferSession.Receive(...).RunAsync()
// with a fresh client (its own connections, as a new process has) until the text is received. Prints each run, the
// median and the 90th percentile; the first runs (JIT) are warm-ups, reported apart.
//
// oprf: what the relay's evaluation costs on one thread, and its parts: P256Oprf.TryBlindEvaluate on a new element
// each time (as requests bring them), decoding and checking the element alone, and the multiplication with
// BouncyCastle's multipliers (the fixed-point comb the code uses, on a new point and on one whose table is cached;
// the curve's default window NAF), a sketch of a regular signed-window multiplier for a point used once, and OpenSSL's P-256 ECDH through .NET for reference (it gives
// the x coordinate only). CPU microseconds and bytes allocated per operation.
//
// Usage: Tigress.PinBench create RELAY_URL OUT_DIR [--eval N] [--wrong N] [--right N] [--claim N] [--read N] [--connections N]
//        Tigress.PinBench receive RELAY_URL [--runs N] [--warmup N]
//        Tigress.PinBench oprf [--iterations N]
if (args.Length >= 1 && args[0] == "oprf")
{
    OprfCost.Run(Option("--iterations", 2000));
    return 0;
}

if (args.Length < 2 || args[0] is not ("create" or "receive") || !Uri.TryCreate(args[1].TrimEnd('/') + "/", UriKind.Absolute, out var relay))
{
    Console.Error.WriteLine("usage: Tigress.PinBench create RELAY_URL OUT_DIR [--eval N] [--wrong N] [--right N] [--claim N] [--read N] [--connections N]");
    Console.Error.WriteLine("       Tigress.PinBench receive RELAY_URL [--runs N] [--warmup N]");
    Console.Error.WriteLine("       Tigress.PinBench oprf [--iterations N]");
    return 2;
}

return args[0] == "create" ? await CreateAsync() : await ReceiveAsync();

async Task<int> CreateAsync()
{
    if (args.Length < 3)
    {
        Console.Error.WriteLine("create needs an output folder");
        return 2;
    }

    var folder = args[2];
    Directory.CreateDirectory(folder);
    var connections = Option("--connections", 8);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = relay, Timeout = TimeSpan.FromSeconds(60) };

    // One genuine key, verifier and proof: the initiator's keys for a PIN and a link secret, and the proof a recipient
    // derives from the relay's evaluation of its blinded PIN.
    const string pin = "4711235";
    var secret = RandomNumberGenerator.GetBytes(32);
    using var share = RelayPinShare.Create(pin, secret);
    var key = share.ExportOprfKey();
    var verifier = share.Verifier.ToArray();
    using var guess = RelayPinGuess.Create(pin);
    var blinded = guess.BlindedElement.ToArray();
    var evaluated = new byte[P256Oprf.ElementLength];
    if (!P256Oprf.TryBlindEvaluate(key, blinded, evaluated) || !guess.TryFinish(evaluated, secret, out var proof))
    {
        throw new InvalidOperationException("The OPRF failed on its own values.");
    }

    var rightProof = proof.ProofKey.ToArray();
    proof.Dispose();
    var wrongProof = RandomNumberGenerator.GetBytes(RelayPin.ProofLength);
    if (!RelayPin.VerifyProof(rightProof, verifier) || RelayPin.VerifyProof(wrongProof, verifier))
    {
        throw new InvalidOperationException("The proofs do not check against the verifier as they should.");
    }

    await File.WriteAllTextAsync(Path.Combine(folder, "params.env"), string.Create(
        CultureInfo.InvariantCulture,
        $"BLINDED={Base64Url.EncodeToString(blinded)}\nRIGHT_PROOF={Base64Url.EncodeToString(rightProof)}\nWRONG_PROOF={Base64Url.EncodeToString(wrongProof)}\n"));

    var payload = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
    var common = $$"""{"displayInformation":{"title":"Car key","description":"Benchmark","imageURL":"https://images.example.org/car.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"{{payload}}"},"mailboxConfiguration":{"accessRights":"RWD"}""";
    string PinBody(int guesses) =>
        $$$"""{{{common}}},"pinProtection":{"oprfKey":"{{{Base64Url.EncodeToString(key)}}}","verifier":"{{{Base64Url.EncodeToString(verifier)}}}","guesses":{{{guesses}}}}}""";
    var plainBody = common + "}";

    var started = Stopwatch.GetTimestamp();
    var total = 0;
    foreach (var (name, count, body, claim) in new[]
    {
        ("evaluate", Option("--eval", 2000), PinBody(RelayPin.MaxGuesses), false),
        ("wrong", Option("--wrong", 2000), PinBody(RelayPin.MaxGuesses), false),
        ("right", Option("--right", 2000), PinBody(RelayPin.MaxGuesses), false),
        ("claim", Option("--claim", 2000), plainBody, false),
        ("read", Option("--read", 2000), plainBody, true),
    })
    {
        var lines = new string[count];
        var next = -1;
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                lines[i] = await CreateOneAsync(http, body, claim);
            }
        });
        await Task.WhenAll(workers);
        await File.WriteAllLinesAsync(Path.Combine(folder, name + ".txt"), lines);
        total += count;
    }

    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created={total} seconds={seconds:F1} creates_per_second={total / seconds:F0}"));
    return 0;
}

// Creates one mailbox and returns its path; with claim, claims it as a recipient and returns "PATH CLAIM".
static async Task<string> CreateOneAsync(HttpClient http, string body, bool claim)
{
    using var created = await SendAsync(http, HttpMethod.Post, "v1/m", Guid.NewGuid(), body);
    var text = await created.Content.ReadAsStringAsync();
    var start = text.IndexOf("/v1/m/", StringComparison.Ordinal);
    if (created.StatusCode != HttpStatusCode.OK || start < 0)
    {
        throw new InvalidOperationException($"create answered {(int)created.StatusCode}: {text}");
    }

    var path = text.Substring(start, 6 + 36);
    if (!claim)
    {
        return path;
    }

    var recipient = Guid.NewGuid();
    using var read = await SendAsync(http, HttpMethod.Post, path[1..], recipient, null);
    return read.StatusCode == HttpStatusCode.OK
        ? $"{path} {recipient}"
        : throw new InvalidOperationException($"claim answered {(int)read.StatusCode}");
}

static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, Guid claim, string? body)
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

async Task<int> ReceiveAsync()
{
    var runs = Option("--runs", 20);
    var warmups = Option("--warmup", 3);
    var times = new List<double>();
    for (var i = 0; i < warmups + runs; i++)
    {
        var text = $"hello {i}";
        var pin = Pin.Generate(7);
        string link;
        using (var sender = new TigressClient())
        using (var session = await TransferSession.ShareAsync(sender, new ShareRequest
        {
            RelayUri = relay,
            Format = AuthorizationTokenVertical.FormatName,
            Content = Encoding.UTF8.GetBytes(text),
            DisplayInformation = new DisplayInformation("Benchmark", "A PIN share received with its sender gone", new Uri("https://images.example.org/bench.png")),
            Pin = pin.AsMemory(),
        }))
        {
            using var handedOut = await session.GetLinkAsync();
            link = handedOut.Reveal();
            if (session.PinProtection != PinProtection.RelayAssisted)
            {
                Console.Error.WriteLine($"the share used {session.PinProtection}, not the relay-assisted PIN: does the relay offer it?");
                return 1;
            }
        }

        // The sender's session and its client are gone: nothing of it runs while the recipient receives.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = Stopwatch.GetTimestamp();
        using var recipient = new TigressClient();
        using var parsed = TigressLink.Parse(link);
        using var receiving = TransferSession.Receive(recipient, parsed, pin);
        var result = await receiving.RunAsync(timeout.Token);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Status != TransferStatus.Completed || Encoding.UTF8.GetString(result.Content!) != text)
        {
            Console.Error.WriteLine($"run {i}: {result.Status}, not the text shared");
            return 1;
        }

        if (i < warmups)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warmup {i + 1}: {elapsed:F1} ms"));
        }
        else
        {
            times.Add(elapsed);
        }
    }

    times.Sort();
    double At(double p) => times[(int)Math.Min(times.Count - 1, Math.Ceiling(p * times.Count) - 1)];
    var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sdk_receive_ms runs={times.Count} median={median:F1} p90={At(0.9):F1} min={times[0]:F1} max={times[^1]:F1}"));
    Console.WriteLine("sorted: " + string.Join(' ', times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture))));
    return 0;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

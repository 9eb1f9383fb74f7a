using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Tests.Fuzzing;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

/// <summary>
/// Request framing a front proxy may read differently from Kestrel: a chunk size too large for Kestrel's parser, and
/// lax or doubled framing headers. Each is a 400 over a raw socket, and none is logged as a relay error.
/// </summary>
public sealed class RequestFramingTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> OverflowingChunks => new()
    {
        { "POST /v1/m", "ffffffff" },
        { "POST /v1/m", "7fffffff0" },
        { "POST /v1/m", "00000000ffffffff" },
        { "POST /v1/m/{id}", "ffffffff" },
        { "PUT /v1/m/{id}", "123456789" },
        { "PUT /d/{location}", "ffffffff" },
        { "PUT /d/{location}", "ffffffffffffffffffff" },
    };

    [Theory]
    [MemberData(nameof(OverflowingChunks))]
    public async Task ChunkSize_TooLargeForAnInt_Is400ProblemAndADebugLineWithoutTrace(string endpoint, string size)
    {
        var logs = new CapturedLogs();
        await using var relay = await StartAsync(logs);
        var target = endpoint.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{location}", FuzzCorpus.NewLocation(new Random(1)), StringComparison.Ordinal);
        var request = $"{target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nMailbox-Request-ID: {Guid.NewGuid()}\r\n"
            + $"Mailbox-Device-Claim: {Guid.NewGuid()}\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\n{{}}";

        var response = await SendAsync(relay, request);

        Assert.NotNull(response);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        AssertNothingWorseThanDebug(logs);
        Assert.Contains(logs.Lines, l => l.Contains("ClientFaults Debug ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Content-Length: {0}\r\nContent-Length: {0}\r\n")]
    [InlineData("Content-Length: {0}, {0}\r\n")]
    [InlineData("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n")]
    [InlineData("Transfer-Encoding: chunked, chunked\r\n")]
    public async Task LaxOrDoubledFraming_Is400AndCreatesNothing(string framing)
    {
        var logs = new CapturedLogs();
        await using var relay = await StartAsync(logs);

        var response = await SendAsync(relay, CreateRequest(framing));

        // Kestrel refuses some of these before the relay sees them, with its bare documented 400; the rest are the relay's.
        Assert.NotNull(response);
        Assert.Equal(400, response.Status);
        Assert.True(FuzzVerdict.IsKestrelAnswer(response) || response.MediaType == "application/problem+json", response.Head);
        AssertNothingWorseThanDebug(logs);
    }

    [Theory]
    [InlineData("Content-Length: +{0}\r\n")]
    [InlineData("Content-Length: 0{0}\r\n")]
    [InlineData("Content-Length: 000{0}\r\n")]
    [InlineData("content-length:+{0}\r\n")]
    public async Task LaxContentLength_KestrelReadsAsTheNumber_Is400InvalidHeaderAndCreatesNothing(string framing)
    {
        var logs = new CapturedLogs();
        await using var relay = await StartAsync(logs);
        var database = relay.Services.GetRequiredService<Tigress.Relay.Storage.Sqlite.SqliteDatabase>();

        var response = await SendAsync(relay, CreateRequest(framing));

        Assert.NotNull(response);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains("urn:tigress:problem:invalid-header", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
        Assert.Equal(0, await Storage.StoreGrowthTests.ScalarAsync(database, "SELECT count(*) FROM mailbox;"));
        AssertNothingWorseThanDebug(logs);
    }

    [Fact]
    public async Task LaxContentLength_OnALaterRequestOfAKeptAliveConnection_IsRefusedToo()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        var plain = CreateRequest("Content-Length: {0}\r\n").Replace("Connection: close\r\n", "", StringComparison.Ordinal);
        var chunked = CreateRequest("Transfer-Encoding: chunked\r\n").Replace("Connection: close\r\n", "", StringComparison.Ordinal);
        var read = $"POST /v1/m/{Guid.NewGuid()} HTTP/1.1\r\nHost: x\r\nMailbox-Request-ID: {Guid.NewGuid()}\r\nMailbox-Device-Claim: {Guid.NewGuid()}\r\nContent-Length: 0\r\n\r\n";
        var lax = CreateRequest("Content-Length: +{0}\r\n");

        // Three requests the relay must frame as Kestrel does (a length, chunks, an empty body), then a lax one.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, relay.BaseUri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(plain + chunked + read + lax));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var all = await reader.ReadToEndAsync().WaitAsync(s_patience);

        var statuses = System.Text.RegularExpressions.Regex.Matches(all, @"HTTP/1\.1 (\d{3}) ")
            .Select(match => match.Groups[1].Value);
        Assert.True(statuses.SequenceEqual(["200", "200", "404", "400"]), all);
        Assert.Contains("urn:tigress:problem:invalid-header", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Length: {0}\r\n")]
    [InlineData("Content-Length:{0}\r\n")]
    [InlineData("Transfer-Encoding: chunked\r\n")]
    [InlineData("Transfer-Encoding: Chunked\r\n")]
    public async Task PlainFraming_CreatesTheMailbox(string framing)
    {
        await using var relay = await LoopbackRelay.StartAsync();

        var response = await SendAsync(relay, CreateRequest(framing));

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
    }

    private static Task<LoopbackRelay> StartAsync(CapturedLogs logs) => LoopbackRelay.StartAsync(
        new Dictionary<string, string?> { ["Logging:LogLevel:Tigress.Relay.Hosting.ClientFaults"] = "Debug" },
        services => services.AddSingleton<ILoggerProvider>(logs));

    // A valid create, framed as the test says ({0} is the body's length).
    private static string CreateRequest(string framing)
    {
        var json = MailboxApi.CreateBody().ToJsonString();
        var length = Encoding.UTF8.GetByteCount(json);
        var body = framing.Contains("Transfer-Encoding", StringComparison.Ordinal) ? $"{length:x}\r\n{json}\r\n0\r\n\r\n" : json;
        return $"POST /v1/m HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nMailbox-Request-ID: {Guid.NewGuid()}\r\n"
            + $"Mailbox-Device-Claim: {Guid.NewGuid()}\r\nConnection: close\r\n{string.Format(System.Globalization.CultureInfo.InvariantCulture, framing, length)}\r\n{body}";
    }

    private static Task<RawResponse?> SendAsync(LoopbackRelay relay, string request) =>
        RawHttpExchange.SendAsync(new IPEndPoint(IPAddress.Loopback, relay.BaseUri.Port), Encoding.UTF8.GetBytes(request), isHead: false, s_patience, CancellationToken.None);

    private static void AssertNothingWorseThanDebug(CapturedLogs logs)
    {
        var worse = logs.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Critical ", StringComparison.Ordinal) || l.Contains(" Warning ", StringComparison.Ordinal)).ToList();
        Assert.True(worse.Count == 0, $"logged: {worse.FirstOrDefault()}");
    }
}

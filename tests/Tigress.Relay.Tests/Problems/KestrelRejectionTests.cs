using System.Net;
using System.Text;
using Tigress.Relay.Tests.Fuzzing;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Problems;

/// <summary>
/// The errors Kestrel answers before the relay's pipeline runs, exactly as docs/relay.md lists them ("Errors Kestrel
/// answers itself"), and the malformed requests that do reach the pipeline and so get problem+json. A Kestrel
/// update that changes any of them fails here, and the table in the docs must change with it.
/// </summary>
public sealed class KestrelRejectionTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private const string Ids = "Mailbox-Request-ID: 3f0c8e9a-5b1d-4c2e-9f6a-7d8e9fa0b1c2\r\nMailbox-Device-Claim: 3f0c8e9a-5b1d-4c2e-9f6a-7d8e9fa0b1c3\r\n";

    public static TheoryData<string, string, int, string?> KestrelAnswers => new()
    {
        { "NUL in the path", "GET /v1/m/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400, null },
        { "method outside tokens", "G@T /v1 HTTP/1.1\r\nHost: x\r\n\r\n", 400, null },
        { "target not UTF-8", "GET /v1/m/\u00FF HTTP/1.1\r\nHost: x\r\n\r\n", 400, null },
        { "space in a header name", "GET /v1 HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n", 400, null },
        { "folded header", "GET /v1 HTTP/1.1\r\nHost: x\r\n Folded: y\r\n\r\n", 400, null },
        { "no Host", "GET /v1 HTTP/1.1\r\n\r\n", 400, null },
        { "two Hosts", "GET /v1 HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400, null },
        { "malformed Host", "GET /v1 HTTP/1.1\r\nHost: x/y\r\n\r\n", 400, null },
        { "two lengths", "POST /v1/m HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400, null },
        { "unparsable length", "POST /v1/m HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, null },
        { "last coding not chunked", "POST /v1/m HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400, null },
        { "authority-form target", "GET v1 HTTP/1.1\r\nHost: x\r\n\r\n", 405, "CONNECT" },
        { "asterisk-form target", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", 405, "OPTIONS" },
        { "request line over 8 KiB", "GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, null },
        { "headers over 32 KiB", "GET /v1 HTTP/1.1\r\nHost: x\r\nX-Large: " + new string('a', 40_000) + "\r\n\r\n", 431, null },
        { "over 100 headers", "GET /v1 HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"X-{i}: y\r\n")) + "\r\n", 431, null },
    };

    [Theory]
    [MemberData(nameof(KestrelAnswers))]
    public async Task UnparsableRequest_IsAnsweredByKestrelAsDocumented(string why, string request, int status, string? allow)
    {
        var response = await SendAsync(request);

        Assert.True(response is not null, $"No answer to a request with {why}.");
        Assert.True(response.Status == status, $"{why}: expected {status}, got {response.Head}");
        Assert.True(FuzzVerdict.IsKestrelAnswer(response), $"{why}: not Kestrel's bodiless answer: {response.Head}");
        Assert.Equal(allow, response.Header("Allow"));
        Assert.Contains(status, FuzzVerdict.KestrelStatuses);
    }

    public static TheoryData<string, string, int, string> PipelineAnswers => new()
    {
        { "malformed chunk", "POST /v1/m HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + Ids + "\r\nzz\r\n", 400, "invalid-request" },
        { "body shorter than announced, then the end of a chunked body", "PUT /d/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab\r\n0\r\n\r\n", 400, "invalid-request" },
        { "dot segments", "GET /v1/m/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not-found" },
        { "encoded byte that is not UTF-8", "GET /v1/m/%ff HTTP/1.1\r\nHost: x\r\n\r\n", 404, "not-found" },
        { "unknown expectation", "POST /v1/m HTTP/1.1\r\nHost: x\r\nExpect: 100-continue-x\r\nContent-Length: 1\r\n\r\na", 400, "invalid-header" },
        { "HTTP/1.0 with chunked body", "POST /v1/m HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "invalid-header" },
        // The server reads the asterisk form as "/", which the share page serves with GET and HEAD only.
        { "OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method-not-allowed" },
        { "an unknown method", "PROPFIND /v1 HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method-not-allowed" },
        // Kestrel would answer these 505 or 400 without a body; the relay's version guard makes them a 400 problem.
        { "version of nine bytes", "GET /v1 HTTP/1.11\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "version of six bytes", "GET /v1 HTTP/1\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "no version", "GET /v1\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "line broken in the target", "DELETE /d/jsFdOhk\r\nzAf HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "method that is not a token", "'GET /v1 HTTP/1*1\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "HTTP/1.2", "GET /v1 HTTP/1.2\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "HTTP/2.0", "GET /v1 HTTP/2.0\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "HTTP/3.0", "POST /v1/m HTTP/3.0\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "HTTX/1.1", "GET /v1 HTTX/1.1\r\nHost: x\r\n\r\n", 400, "invalid-request" },
        { "lower-case http/1.1", "GET /v1 http/1.1\r\nHost: x\r\n\r\n", 400, "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(PipelineAnswers))]
    public async Task MalformedRequestTheServerCanParse_IsAnsweredWithProblemJson(string why, string request, int status, string type)
    {
        var response = await SendAsync(request);

        Assert.True(response is not null, $"No answer to a request with {why}.");
        Assert.True(response.Status == status, $"{why}: expected {status}, got {response.Head}");
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains($"\"urn:tigress:problem:{type}\"", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
    }

    private async Task<RawResponse?> SendAsync(string request) =>
        await RawHttpExchange.SendAsync(
            new IPEndPoint(IPAddress.Loopback, fixture.Relay.BaseUri.Port),
            Encoding.Latin1.GetBytes(request),
            isHead: false,
            TimeSpan.FromSeconds(30),
            CancellationToken.None);
}

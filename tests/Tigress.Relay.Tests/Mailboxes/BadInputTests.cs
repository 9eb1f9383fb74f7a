using System.Net;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Mailboxes;

/// <summary>Every kind of malformed request gets a 4xx problem+json, never a 5xx or a stack trace.</summary>
public sealed class BadInputTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly MailboxApi _api = fixture.Api;

    public static TheoryData<string, string> MalformedCreateBodies => new()
    {
        { "not json", "invalid-request" },
        { "", "invalid-request" },
        { "null", "invalid-request" },
        { "[]", "invalid-request" },
        { "\"text\"", "invalid-request" },
        { "{", "invalid-request" },
        { "{}", "invalid-request" },
        { """{"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"}}""", "invalid-request" },
        { """{"displayInformation":{"title":5,"description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"http://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"/relative.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_CHACHA20","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"not base64 at all!"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAA"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"mailboxConfiguration":{"accessRights":"RX"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"mailboxConfiguration":{"accessRights":"RR"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"mailboxConfiguration":{"expiration":"2001-01-01T00:00:00Z"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"mailboxConfiguration":{"expiration":"tomorrow"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"mailboxConfiguration":{"expiration":"2099-01-01T00:00:00"}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":{"type":"AEAD_AES_128_GCM","data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"notificationToken":{"type":"webpush","tokenData":42}}""", "invalid-request" },
        { """{"displayInformation":{"title":"t","description":"d","imageURL":"https://x.example/i.png"},"payload":"AAAA"}""", "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(MalformedCreateBodies))]
    public async Task Create_MalformedBody_Answers400Problem(string body, string type)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 400, type);
    }

    [Fact]
    public async Task Create_DisplayStringTooLong_Answers400()
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = new string('x', 257);

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    [Fact]
    public async Task Create_DisplayStringAtLimit_IsAccepted()
    {
        var body = MailboxApi.CreateBody();
        body["displayInformation"]!["title"] = new string('x', 256);

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_PayloadAtLimit_IsAccepted()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(data: MailboxApi.SealedData(64 * 1024)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Create_PayloadOneByteOverLimit_Answers413()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody(data: MailboxApi.SealedData((64 * 1024) + 1)));

        await MailboxApi.AssertProblemAsync(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task Create_BodyOverLimit_Answers413()
    {
        var body = MailboxApi.CreateBody();
        body["padding"] = new string(' ', 200 * 1024);

        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task Create_ChunkedBodyOverLimit_Answers413()
    {
        var big = new string('a', 300 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/m") { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big))) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", Guid.NewGuid().ToString());

        using var response = await _api.Http.SendAsync(request);

        await MailboxApi.AssertProblemAsync(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task Request_WithoutRequestId_Answers400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/m") { Content = new StringContent(MailboxApi.CreateBody().ToJsonString()) };
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", Guid.NewGuid().ToString());

        using var response = await _api.Http.SendAsync(request);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-header");
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("3f0c8e9a5b1d4c2e9f6a7d8e9fa0b1c2x")]
    public async Task Request_MalformedRequestId_Answers400(string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/m") { Content = new StringContent(MailboxApi.CreateBody().ToJsonString()) };
        request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", requestId);
        request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", Guid.NewGuid().ToString());

        using var response = await _api.Http.SendAsync(request);

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-header");
        Assert.False(response.Headers.Contains("Mailbox-Request-ID"));
    }

    [Fact]
    public async Task Request_WithoutClaim_Answers401()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", claim: null, MailboxApi.CreateBody());

        await MailboxApi.AssertProblemAsync(response, 401, "wrong-claim");
    }

    [Fact]
    public async Task Request_MalformedClaim_Answers400()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "v1/m", claim: null, MailboxApi.CreateBody(),
            customize: r => r.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", "device-7"));

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-header");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("GET")]
    public async Task AnyMethod_UnknownMailbox_Answers404(string method)
    {
        var body = method == "PUT" ? new JsonObject { ["payload"] = MailboxApi.Payload() } : null;

        using var response = await _api.SendAsync(new HttpMethod(method), $"v1/m/{Guid.NewGuid()}", Guid.NewGuid(), body);

        await MailboxApi.AssertProblemAsync(response, 404, "not-found");
    }

    [Theory]
    [InlineData("v1/m/not-a-uuid")]
    [InlineData("v1/m/")]
    [InlineData("v1/m/../etc/passwd")]
    [InlineData("v1/d")]
    public async Task Read_MalformedPath_Answers404Or405Problem(string path)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, path, Guid.NewGuid());

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_MailboxCollection_IsNotOffered()
    {
        await _api.CreateAsync(Guid.NewGuid());

        using var response = await _api.SendAsync(HttpMethod.Get, "v1/m", Guid.NewGuid());

        await MailboxApi.AssertProblemAsync(response, 405, "method-not-allowed");
    }

    [Fact]
    public async Task Update_EmptyObject_Answers400()
    {
        var claim = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(claim);

        using var response = await _api.SendRawAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", claim, "{}");

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }

    [Fact]
    public async Task Read_MalformedBody_Answers400()
    {
        var mailbox = await _api.CreateAsync(Guid.NewGuid());

        using var response = await _api.SendRawAsync(HttpMethod.Post, $"v1/m/{mailbox.Id}", Guid.NewGuid(), "{\"notificationToken\":");

        await MailboxApi.AssertProblemAsync(response, 400, "invalid-request");
    }
}

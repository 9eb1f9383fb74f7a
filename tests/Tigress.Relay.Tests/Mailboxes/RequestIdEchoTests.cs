using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tigress.Relay.Tests.TestServices;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Mailboxes;

/// <summary>
/// The mailbox draft has every answer carry the request's <c>Mailbox-Request-ID</c> back, for the caller to match
/// against the one it sent (docs/protocol.md section 7.2).
/// </summary>
public sealed class RequestIdEchoTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private const string Header = "Mailbox-Request-ID";

    private readonly MailboxApi _api = fixture.Api;

    [Fact]
    public async Task EveryOperation_RequestIdInUpperCase_IsEchoedExactlyAsSent()
    {
        var initiator = Guid.NewGuid();
        var recipient = Guid.NewGuid();
        var createId = NewUpperCaseId();
        using var create = await SendAsync(HttpMethod.Post, "v1/m", initiator, MailboxApi.CreateBody("RWD"), createId);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        AssertEchoed(createId, create);
        var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();
        var path = "v1/m/" + link[(link.LastIndexOf('/') + 1)..];

        var steps = new (HttpMethod Method, Guid Claim, JsonNode? Body, HttpStatusCode Expected)[]
        {
            (HttpMethod.Post, recipient, null, HttpStatusCode.OK),
            (HttpMethod.Put, recipient, new JsonObject { ["payload"] = MailboxApi.Payload() }, HttpStatusCode.OK),
            (HttpMethod.Post, initiator, null, HttpStatusCode.OK),
            (HttpMethod.Patch, recipient, null, HttpStatusCode.OK),
            (HttpMethod.Delete, initiator, null, HttpStatusCode.OK),
        };
        foreach (var (method, claim, body, expected) in steps)
        {
            var id = NewUpperCaseId();
            using var answer = await SendAsync(method, path, claim, body, id);
            Assert.True(answer.StatusCode == expected, $"{method}: expected {expected}, got {answer.StatusCode}");
            AssertEchoed(id, answer);
        }
    }

    [Fact]
    public async Task Replays_AnsweredFromTheRecord_EchoTheRepeatedId()
    {
        var initiator = Guid.NewGuid();
        var id = NewUpperCaseId();
        var body = MailboxApi.CreateBody();
        (await SendAsync(HttpMethod.Post, "v1/m", initiator, body, id)).Dispose();

        using var replay = await SendAsync(HttpMethod.Post, "v1/m", initiator, body, id);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        AssertEchoed(id, replay);
    }

    [Fact]
    public async Task Errors_400To409_EchoTheRequestId()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);
        var reused = NewUpperCaseId();
        (await SendAsync(HttpMethod.Put, $"v1/m/{mailbox.Id}", initiator, new JsonObject { ["payload"] = MailboxApi.Payload() }, reused)).Dispose();

        var refusals = new (HttpMethod Method, string Path, Guid? Claim, JsonNode? Body, string Id, int Status, string Type)[]
        {
            (HttpMethod.Post, "v1/m", initiator, new JsonObject { ["payload"] = MailboxApi.Payload() }, NewUpperCaseId(), 400, "invalid-request"),
            (HttpMethod.Put, $"v1/m/{mailbox.Id}", null, new JsonObject { ["payload"] = MailboxApi.Payload() }, NewUpperCaseId(), 401, "wrong-claim"),
            (HttpMethod.Patch, $"v1/m/{mailbox.Id}", Guid.NewGuid(), null, NewUpperCaseId(), 401, "wrong-claim"),
            (HttpMethod.Post, $"v1/m/{Guid.NewGuid()}", initiator, null, NewUpperCaseId(), 404, "not-found"),
            (HttpMethod.Delete, $"v1/m/{mailbox.Id}", initiator, null, reused, 409, "request-id-reused"),
        };
        foreach (var (method, path, claim, body, id, status, type) in refusals)
        {
            using var answer = await SendAsync(method, path, claim, body, id);
            await MailboxApi.AssertProblemAsync(answer, status, type);
            AssertEchoed(id, answer);
        }
    }

    [Fact]
    public async Task RequestsWhereTheIdIsOptional_EchoItWhenSent()
    {
        var initiator = Guid.NewGuid();
        var mailbox = await _api.CreateAsync(initiator);

        foreach (var (method, path, claim) in new (HttpMethod, string, Guid?)[]
        {
            (HttpMethod.Get, $"v1/m/{mailbox.Id}", null),
            (HttpMethod.Head, $"v1/m/{mailbox.Id}", null),
            (HttpMethod.Get, "v1", null),
            (HttpMethod.Get, $"v1/m/{mailbox.Id}/events", initiator),
        })
        {
            var id = NewUpperCaseId();
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation(Header, id);
            if (claim is { } c)
            {
                request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", c.ToString());
            }

            // Headers only: the event stream stays open until the relay ends it.
            using var answer = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{method} {path}: got {answer.StatusCode}");
            AssertEchoed(id, answer);
        }
    }

    [Fact]
    public async Task MalformedRequestId_IsRefusedAndNotReflected()
    {
        const string Malformed = "<script>3F0C8E9A-5B1D-4C2E-9F6A-7D8E9FA0B1C2";

        using var answer = await _api.SendRawAsync(HttpMethod.Post, "v1/m", Guid.NewGuid(), MailboxApi.CreateBody().ToJsonString(), customize: request =>
        {
            request.Headers.Remove(Header);
            request.Headers.TryAddWithoutValidation(Header, Malformed);
        });

        await MailboxApi.AssertProblemAsync(answer, 400, "invalid-header");
        Assert.False(answer.Headers.Contains(Header));
    }

    [Fact]
    public async Task RelayMappedIntoAnotherApplication_StillEchoesOnItsAnswers()
    {
        var folder = TemporaryFolder.Create("embedded-echo");
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddTigressRelay(options => options.DataDirectory = folder).AddSqliteStorage();
            await using var app = builder.Build();
            app.MapTigressRelay();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromSeconds(60) };
            var api = new MailboxApi(http);
            var initiator = Guid.NewGuid();

            var createId = NewUpperCaseId();
            using var create = await api.SendAsync(HttpMethod.Post, "v1/m", initiator, MailboxApi.CreateBody(), customize: WithId(createId));
            var link = (await MailboxApi.JsonAsync(create))["urlLink"]!.GetValue<string>();
            var path = "v1/m/" + link[(link.LastIndexOf('/') + 1)..];
            var readId = NewUpperCaseId();
            using var read = await api.SendAsync(HttpMethod.Post, path, initiator, customize: WithId(readId));
            var refusedId = NewUpperCaseId();
            using var refused = await api.SendAsync(HttpMethod.Delete, path, Guid.NewGuid(), customize: WithId(refusedId));
            var previewId = NewUpperCaseId();
            using var preview = await api.SendAsync(HttpMethod.Get, path, null, customize: WithId(previewId));

            Assert.Equal(HttpStatusCode.OK, create.StatusCode);
            AssertEchoed(createId, create);
            Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
            AssertEchoed(readId, read);
            await MailboxApi.AssertProblemAsync(refused, 401, "wrong-claim");
            AssertEchoed(refusedId, refused);
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            AssertEchoed(previewId, preview);
            await app.StopAsync();
        }
        finally
        {
            TemporaryFolder.Delete(folder);
        }
    }

    private static Action<HttpRequestMessage> WithId(string requestId) => request =>
    {
        request.Headers.Remove(Header);
        request.Headers.TryAddWithoutValidation(Header, requestId);
    };

    private static string NewUpperCaseId() => Guid.NewGuid().ToString("D").ToUpperInvariant();

    private static void AssertEchoed(string sent, HttpResponseMessage answer) =>
        Assert.Equal(sent, Assert.Single(answer.Headers.GetValues(Header)));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Guid? claim, JsonNode? body, string requestId) =>
        _api.SendAsync(method, path, claim, body, customize: request =>
        {
            request.Headers.Remove(Header);
            request.Headers.TryAddWithoutValidation(Header, requestId);
        });
}

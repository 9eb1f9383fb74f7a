using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tigress.Relay.Tests.TestServices;

/// <summary>Raw HTTP calls to the mailbox API, with the headers under test's control.</summary>
internal sealed class MailboxApi(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static string SealedData(int bytes = 64) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static JsonObject Display(string title = "Car key", string description = "Blue sedan, parked outside", string image = "https://images.example.org/car.png") =>
        new() { ["title"] = title, ["description"] = description, ["imageURL"] = image };

    public static JsonObject Payload(string? data = null, string type = "AEAD_AES_128_GCM") =>
        new() { ["type"] = type, ["data"] = data ?? SealedData() };

    public static JsonObject CreateBody(string? rights = null, string? expiration = null, string? data = null)
    {
        var body = new JsonObject { ["displayInformation"] = Display(), ["payload"] = Payload(data) };
        if (rights is not null || expiration is not null)
        {
            var configuration = new JsonObject();
            if (rights is not null)
            {
                configuration["accessRights"] = rights;
            }

            if (expiration is not null)
            {
                configuration["expiration"] = expiration;
            }

            body["mailboxConfiguration"] = configuration;
        }

        return body;
    }

    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        Guid? claim,
        JsonNode? body = null,
        Guid? requestId = null,
        Action<HttpRequestMessage>? customize = null) =>
        SendRawAsync(method, path, claim, body?.ToJsonString(), requestId, customize);

    public async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method,
        string path,
        Guid? claim,
        string? body,
        Guid? requestId = null,
        Action<HttpRequestMessage>? customize = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Mailbox-Request-ID", (requestId ?? Guid.NewGuid()).ToString());
        if (claim is { } c)
        {
            request.Headers.TryAddWithoutValidation("Mailbox-Device-Claim", c.ToString());
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        customize?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public async Task<Mailbox> CreateAsync(Guid claim, string? rights = null, string? expiration = null, string? data = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "v1/m", claim, CreateBody(rights, expiration, data));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var json = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync());
        var link = json!["urlLink"]!.GetValue<string>();
        return new Mailbox(Guid.Parse(link[(link.LastIndexOf('/') + 1)..]), link);
    }

    public Task<HttpResponseMessage> ReadAsync(Guid id, Guid claim, Action<HttpRequestMessage>? customize = null, Guid? requestId = null) =>
        SendAsync(HttpMethod.Post, $"v1/m/{id}", claim, null, requestId, customize);

    public Task<HttpResponseMessage> WriteAsync(Guid id, Guid claim, string? data = null, Guid? requestId = null) =>
        SendAsync(HttpMethod.Put, $"v1/m/{id}", claim, new JsonObject { ["payload"] = Payload(data) }, requestId);

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (JsonObject)(await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync()))!;

    /// <summary>Asserts a problem+json answer with the given status and type, and returns its document.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, int status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (JsonObject)JsonNode.Parse(text)!;
        Assert.Equal("urn:tigress:problem:" + type, problem["type"]!.GetValue<string>());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }

    public static string DataOf(JsonObject read) => read["payload"]!["data"]!.GetValue<string>();

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

internal readonly record struct Mailbox(Guid Id, string UrlLink);

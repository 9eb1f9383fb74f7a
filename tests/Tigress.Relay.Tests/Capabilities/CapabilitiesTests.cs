using System.Net;
using System.Text.Json.Nodes;
using Tigress.Relay.Tests.TestServices;

namespace Tigress.Relay.Tests.Capabilities;

public sealed class CapabilitiesTests(RelayFixture fixture) : IClassFixture<RelayFixture>
{
    private readonly HttpClient _http = fixture.Api.Http;

    [Fact]
    public async Task Capabilities_DescribeTheRelaysLimitsAndOffers()
    {
        var json = (JsonObject)JsonNode.Parse(await _http.GetStringAsync("v1"))!;

        Assert.Equal("1", json["apiVersion"]!.GetValue<string>());
        Assert.Equal(48 * 3600, json["maxTtlSeconds"]!.GetValue<long>());
        Assert.Equal(64 * 1024, json["maxPayloadBytes"]!.GetValue<int>());
        Assert.Equal(128 * 1024, json["maxRequestBodyBytes"]!.GetValue<int>());
        Assert.Equal(256, json["maxDisplayLength"]!.GetValue<int>());
        Assert.Equal(60, json["maxWaitSeconds"]!.GetValue<int>());
        Assert.Equal(["AEAD_AES_128_GCM", "AEAD_AES_256_GCM"], json["payloadTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["webpush"], json["notificationTokenTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(65, System.Buffers.Text.Base64Url.DecodeFromChars(json["vapidPublicKey"]!.GetValue<string>()).Length);
        Assert.True(json["serverSentEvents"]!.GetValue<bool>());
        Assert.True(json["mailbox"]!.GetValue<bool>());
        Assert.True(json["dropbox"]!.GetValue<bool>());
        Assert.True(json["pinShares"]!.GetValue<bool>());
        Assert.True(json["relayAssistedPin"]!.GetValue<bool>());
        Assert.Equal(10, json["maxPinGuesses"]!.GetValue<int>());
    }

    [Fact]
    public async Task Healthz_WithStoreUp_AnswersHealthy()
    {
        using var response = await _http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DocumentsEverySixMailboxOperations()
    {
        var json = (JsonObject)JsonNode.Parse(await _http.GetStringAsync("openapi/v1.json"))!;
        var paths = json["paths"]!.AsObject();

        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(o => o.Value!["operationId"]?.GetValue<string>())).ToHashSet();
        Assert.Superset(
            new HashSet<string?> { "CreateMailbox", "ReadSecureContentFromMailbox", "UpdateMailbox", "ReadDisplayInformationFromMailbox", "DeleteMailbox", "RelinquishMailbox", "GetCapabilities" },
            operations);
        Assert.NotNull(paths["/v1/m"]!["post"]!["requestBody"]);
    }
}

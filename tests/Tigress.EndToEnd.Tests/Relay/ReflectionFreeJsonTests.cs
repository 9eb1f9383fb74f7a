using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tigress.EndToEnd.Tests.Transfers;
using Tigress.Testing;

namespace Tigress.EndToEnd.Tests.Relay;

/// <summary>
/// The built <c>tigress</c> runs with reflection-based JSON turned off, as the Native AOT binary does: every JSON
/// path of the relay and the command must go through a source-generated context, and these tests (with every other
/// process test) fail if one does not, without an AOT publish.
/// </summary>
public sealed class ReflectionFreeJsonTests
{
    private const string ReflectionSwitch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    [Fact]
    public async Task BuiltCommand_RuntimeConfig_TurnsReflectionBasedJsonOff()
    {
        var path = Path.ChangeExtension(TigressExecutable.DllPath, ".runtimeconfig.json");

        var config = JsonNode.Parse(await File.ReadAllTextAsync(path))!;

        var value = config["runtimeOptions"]?["configProperties"]?[ReflectionSwitch];
        Assert.True(value is not null, $"{path} does not set {ReflectionSwitch}; Tigress.Cli.csproj must set JsonSerializerIsReflectionEnabledByDefault=false.");
        Assert.False(value.GetValue<bool>());
    }

    [Fact]
    public async Task RelayProcess_ReflectionOff_ServesCapabilitiesOpenApiAndProblemsAsJson()
    {
        await using var relay = await RelayProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = relay.BaseUri };

        using var capabilities = await http.GetAsync("v1");
        using var openApi = await http.GetAsync("openapi/v1.json");
        using var noRequestId = await http.PostAsync("v1/m", new StringContent("{}"));
        using var nothing = await http.GetAsync("nothing-here");

        Assert.Equal(HttpStatusCode.OK, capabilities.StatusCode);
        Assert.Equal("1", (await capabilities.Content.ReadFromJsonAsync<JsonObject>())!["apiVersion"]!.GetValue<string>());

        // The document's schemas come from the relay's JSON contracts, through the same resolver as the endpoints.
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = (await openApi.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(document["paths"]!["/v1/m"]!["post"]);
        Assert.NotNull(document["components"]!["schemas"]!["CreateMailboxResponseMessage"]!["properties"]!["urlLink"]);
        Assert.NotNull(document["components"]!["schemas"]!["CapabilitiesDocument"]);

        foreach (var (response, status) in new[] { (noRequestId, HttpStatusCode.BadRequest), (nothing, HttpStatusCode.NotFound) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)status, (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<int>());
        }

        Assert.DoesNotContain("NotSupportedException", relay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShareAndReceiveWithJsonEvents_ReflectionOff_MoveTheText()
    {
        await using var relay = await RelayProcess.StartAsync();
        const string text = "Locker 12, code 3579";

        await using var share = TigressProcess.Start("share", "--relay", relay.BaseUri.AbsoluteUri, "--text", text, "--json");
        var shared = JsonNode.Parse(await share.FirstLineAsync())!;
        await using var receive = await TigressProcess.RunAsync("receive", "--yes", shared["url"]!.GetValue<string>(), "--json");

        Assert.Equal(0, await receive.ExitAsync());
        Assert.Equal(0, await share.ExitAsync());
        Assert.Equal("shared", shared["event"]!.GetValue<string>());
        var completed = JsonNode.Parse(receive.Stdout[^1])!;
        Assert.Equal("completed", completed["event"]!.GetValue<string>());
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(completed["content"]!.GetValue<string>())));
        Assert.Equal("completed", JsonNode.Parse(share.Stdout[^1])!["event"]!.GetValue<string>());
    }
}

using System.Text.Json.Nodes;
using Tigress.Testing;

namespace Tigress.Relay.Tests.Hosting;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Document_NamesTheConfiguredPublicUrl_NotTheRequestsHost()
    {
        // Arrange
        await using var relay = await LoopbackRelay.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:PublicUrl"] = "https://relay.example.org/tigress",
        });
        using var http = relay.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json");
        request.Headers.Host = "attacker.example";

        // Act
        using var response = await http.SendAsync(request);

        // Assert
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var servers = document["servers"]!.AsArray().Select(server => server!["url"]!.GetValue<string>()).ToList();
        Assert.Equal(["https://relay.example.org/tigress"], servers);
    }
}

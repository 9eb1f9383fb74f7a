using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tigress.Relay.Tests.TestServices;
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

    [Fact]
    public async Task Document_PassesAnIndependentValidator()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var http = relay.CreateClient();

        var text = await http.GetStringAsync("openapi/v1.json");
        var (exitCode, output) = await NodeTools.ValidateOpenApiAsync(text);

        Assert.True(exitCode == 0, $"The OpenAPI document is not valid:\n{output}");
        Assert.StartsWith("3.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_DescribesEveryRouteTheRelayMaps()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var http = relay.CreateClient();
        var paths = (JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!["paths"] as JsonObject)!;

        var routes = relay.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText != "/openapi/{documentName}.json")
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Path: Normalize(endpoint.RoutePattern.RawText!), Method: method.ToLowerInvariant())))
            .ToList();

        Assert.Contains(routes, route => route.Path == "/d/{location}");
        Assert.Contains(routes, route => route.Path == "/healthz/live");
        foreach (var (path, method) in routes)
        {
            var item = paths.FirstOrDefault(pair => Normalize(pair.Key) == path).Value;
            Assert.True(item?[method] is not null, $"{method.ToUpperInvariant()} {path} is mapped but not in the OpenAPI document.");
        }
    }

    [Fact]
    public async Task Document_NamesEveryHeaderStatusBodyAndProblemType()
    {
        await using var relay = await LoopbackRelay.StartAsync();
        using var http = relay.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        var operations = paths.SelectMany(path => path.Value!.AsObject()
            .Where(pair => pair.Key is "get" or "put" or "post" or "delete" or "patch" or "head")
            .Select(pair => (Path: path.Key, Method: pair.Key, Operation: pair.Value!))).ToList();

        // Unique operation ids, and every path parameter declared.
        var ids = operations.Select(operation => operation.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (path, method, operation) in operations)
        {
            foreach (Match parameter in Regex.Matches(path, @"\{([^}]+)\}"))
            {
                Assert.True(
                    Parameters(operation, "path").Contains(parameter.Groups[1].Value),
                    $"{method} {path} does not declare its path parameter {parameter.Groups[1].Value}.");
            }
        }

        var read = Operation(paths, "/v1/m/{id}", "post");
        Assert.Superset(new HashSet<string> { "Mailbox-Request-ID", "Mailbox-Device-Claim", "Mailbox-Device-Attestation", "Prefer", "If-None-Match" }, Parameters(read, "header"));
        Assert.Superset(new HashSet<string> { "200", "201", "204", "304", "401", "404", "409", "429", "503" }, Statuses(read));
        Assert.NotNull(read["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.NotNull(read["responses"]!["304"]!["headers"]!["ETag"]);
        Assert.NotNull(read["responses"]!["404"]!["headers"]!["Mailbox-Request-ID"]);
        Assert.NotNull(read["responses"]!["429"]!["headers"]!["Retry-After"]);
        Assert.NotNull(read["responses"]!["503"]!["headers"]!["Retry-After"]);
        Assert.Superset(new HashSet<string> { "201", "409", "413", "429", "503" }, Statuses(Operation(paths, "/v1/m", "post")));
        Assert.Superset(new HashSet<string> { "201", "409", "413" }, Statuses(Operation(paths, "/v1/m/{id}", "put")));

        Assert.Contains("403", Statuses(read));
        var evaluate = Operation(paths, "/v1/m/{id}/pin", "post");
        Assert.Superset(new HashSet<string> { "Mailbox-Request-ID", "Mailbox-Device-Claim" }, Parameters(evaluate, "header"));
        Assert.Superset(new HashSet<string> { "200", "400", "401", "403", "404", "429", "503" }, Statuses(evaluate));
        Assert.NotNull(evaluate["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(document["components"]!["schemas"]!["TigressProblem"]!["properties"]!["guessesLeft"]);

        var events = Operation(paths, "/v1/m/{id}/events", "get");
        Assert.Contains("Last-Event-ID", Parameters(events, "header"));
        Assert.NotNull(events["responses"]!["200"]!["content"]!["text/event-stream"]!["schema"]);

        var put = Operation(paths, "/d/{location}", "put");
        Assert.NotNull(put["requestBody"]!["content"]!["application/octet-stream"]!["schema"]);
        Assert.Superset(new HashSet<string> { "201", "403", "409", "413", "429", "503" }, Statuses(put));
        var get = Operation(paths, "/d/{location}", "get");
        Assert.Contains("Prefer", Parameters(get, "header"));
        Assert.Equal("binary", get["responses"]!["200"]!["content"]!["application/octet-stream"]!["schema"]!["format"]!.GetValue<string>());
        Assert.Contains("204", Statuses(Operation(paths, "/d/{location}", "delete")));
        Assert.Superset(new HashSet<string> { "200", "503" }, Statuses(Operation(paths, "/healthz", "get")));
        Assert.Superset(new HashSet<string> { "200", "503" }, Statuses(Operation(paths, "/readyz", "get")));
        Assert.Contains("507", Statuses(Operation(paths, "/v1/m", "post")));
        Assert.Contains("200", Statuses(Operation(paths, "/healthz/live", "get")));

        // Every problem answer names the relay's problem schema, whose type lists every problem type.
        var problemTypes = typeof(Tigress.Protocol.Wire.ProblemTypes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet();
        var listed = document["components"]!["schemas"]!["TigressProblem"]!["properties"]!["type"]!["enum"]!.AsArray()
            .Select(value => value!.GetValue<string>())
            .ToHashSet();
        Assert.NotEmpty(problemTypes);
        Assert.Equal(problemTypes.Order(), listed.Order());
        foreach (var (path, method, operation) in operations)
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (response!["content"]?["application/problem+json"] is { } problem)
                {
                    Assert.True(
                        problem["schema"]!["$ref"]?.GetValue<string>() == "#/components/schemas/TigressProblem",
                        $"{method} {path} {status} does not name the TigressProblem schema.");
                }
            }
        }
    }

    private static string Normalize(string path)
    {
        var normalized = Regex.Replace(path, @"\{([^:}]+)(:[^}]*)?\}", "{$1}");
        return normalized.Length > 1 ? normalized.TrimEnd('/') : normalized;
    }

    private static JsonNode Operation(JsonObject paths, string path, string method) =>
        paths[path]?[method] ?? throw new Xunit.Sdk.XunitException($"{method.ToUpperInvariant()} {path} is not in the OpenAPI document.");

    private static HashSet<string> Parameters(JsonNode operation, string location) =>
        (operation["parameters"]?.AsArray() ?? [])
            .Where(parameter => parameter!["in"]!.GetValue<string>() == location)
            .Select(parameter => parameter!["name"]!.GetValue<string>())
            .ToHashSet();

    private static HashSet<string> Statuses(JsonNode operation) => [.. operation["responses"]!.AsObject().Select(pair => pair.Key)];
}

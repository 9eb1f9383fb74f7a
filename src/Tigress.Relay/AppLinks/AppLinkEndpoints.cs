using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.AppLinks;

/// <summary>Maps the configured app-link files under <c>/.well-known/</c>; a file that is not configured is not
/// mapped at all, so it answers 404 like any unknown path.</summary>
internal static class AppLinkEndpoints
{
    public static void MapAppLinks(this IEndpointRouteBuilder endpoints, AppLinksOptions options)
    {
        Map(endpoints, "/.well-known/apple-app-site-association", options.AppleAppSiteAssociationPath, "Relay:AppLinks:AppleAppSiteAssociationPath");
        Map(endpoints, "/.well-known/assetlinks.json", options.AssetLinksPath, "Relay:AppLinks:AssetLinksPath");
    }

    private static void Map(IEndpointRouteBuilder endpoints, string route, string? path, string key)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        var content = Load(path, key);
        endpoints.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], () => TypedResults.Bytes(content, "application/json"))
            .WithSummary("An app-link file from configuration, so that share links open a wallet app.")
            .WithTags("App links")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
    }

    // Read once: the platforms fetch these files rarely and cache them, and a broken file should stop the start,
    // not surface later as a link that silently opens the browser.
    private static byte[] Load(string path, string key)
    {
        byte[] content;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > AppLinksOptions.MaxFileBytes)
            {
                throw new RelayConfigurationException($"{key}: '{path}' is larger than {AppLinksOptions.MaxFileBytes} bytes.");
            }

            content = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RelayConfigurationException($"{key}: cannot read '{path}': {exception.Message}", exception);
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                throw new RelayConfigurationException($"{key}: '{path}' must hold a JSON object or array.");
            }
        }
        catch (JsonException exception)
        {
            throw new RelayConfigurationException($"{key}: '{path}' is not valid JSON: {exception.Message}", exception);
        }

        return content;
    }
}

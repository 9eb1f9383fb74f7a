using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Tigress.Relay.Web;

/// <summary>The browser pages: the share page at the root and the embedded scripts under <c>/web/</c>.</summary>
internal static class WebEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (Delegate)((HttpContext context) => SharePageAsync(context)))
            .WithName("SharePage")
            .WithSummary("The share page: type a secret, get a link.")
            .WithTags("Browser pages")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        endpoints.MapMethods("/web/{name}", [HttpMethods.Get, HttpMethods.Head], (Delegate)((HttpContext context) => AssetAsync(context)))
            .WithName("WebAsset")
            .WithSummary("A script of the browser pages, named by its content's digest (compressed, cacheable for good), or the pages' icon or default preview image.")
            .WithTags("Browser pages")
            .Produces(StatusCodes.Status200OK, contentType: "text/javascript")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Browsers ask for /favicon.ico by themselves where a page names no icon (a JSON answer, say).
        endpoints.MapMethods("/favicon.ico", [HttpMethods.Get, HttpMethods.Head], (Delegate)((HttpContext context) => FaviconAsync(context)))
            .WithName("Favicon")
            .WithSummary("The relay's icon (SVG).")
            .WithTags("Browser pages")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
    }

    /// <summary>The default preview image's path under the relay's public address.</summary>
    public const string PreviewImagePath = "/web/preview.png";

    /// <summary>The default preview image, for shares whose sender chose none.</summary>
    public static void MapPreviewImage(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(PreviewImagePath, [HttpMethods.Get, HttpMethods.Head], (Delegate)((HttpContext context) => WriteAssetAsync(context, WebAssets.Get("preview.png"))))
            .WithName("PreviewImage")
            .WithSummary("The image link previews show for a share whose sender chose none.")
            .WithTags("Browser pages")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");

    /// <summary>Does this request come from a browser navigating to a page (rather than a program wanting JSON)?</summary>
    public static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task SharePageAsync(HttpContext context)
    {
        var text = PageText.For(context.Request);
        PageHeaders.Apply(context.Response);
        text.Apply(context.Response);
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(SharePage.Render(text), context.RequestAborted);
    }

    private static Task FaviconAsync(HttpContext context) => WriteAssetAsync(context, WebAssets.Get("favicon.svg"));

    private static Task AssetAsync(HttpContext context) =>
        context.Request.RouteValues["name"] is string name && WebAssets.Find(name) is { } asset
            ? WriteAssetAsync(context, asset)
            : Problems.ProblemWriter.WriteAsync(context, Problems.Problem.NotFound());

    private static async Task WriteAssetAsync(HttpContext context, WebAssets.Asset asset)
    {
        var headers = context.Response.Headers;
        // A script's name carries its digest, so a browser never needs to ask again; the image and icon keep theirs.
        headers.CacheControl = asset.IsScript ? "public, max-age=31536000, immutable" : "public, max-age=86400";
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = asset.IsScript ? "same-origin" : "cross-origin";
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        context.Response.ContentType = asset.ContentType;
        var body = asset.Content;
        if (asset.IsScript)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
            switch (ChooseEncoding(context.Request))
            {
                case "br":
                    headers.ContentEncoding = "br";
                    body = asset.BrotliContent!;
                    break;
                case "gzip":
                    headers.ContentEncoding = "gzip";
                    body = asset.GzipContent!;
                    break;
            }
        }

        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Brotli, else gzip, else none, as Accept-Encoding allows (a q of 0 refuses); anything unparsable is none.</summary>
    internal static string? ChooseEncoding(HttpRequest request)
    {
        double brotli = 0, gzip = 0;
        foreach (var entry in request.GetTypedHeaders().AcceptEncoding)
        {
            var quality = entry.Quality ?? 1;
            if (entry.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                brotli = quality;
            }
            else if (entry.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = quality;
            }
            else if (entry.Value.Equals("*", StringComparison.Ordinal))
            {
                brotli = brotli == 0 ? quality : brotli;
                gzip = gzip == 0 ? quality : gzip;
            }
        }

        return brotli > 0 && brotli >= gzip ? "br" : gzip > 0 ? "gzip" : null;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
            .WithSummary("A script of the browser pages, named by its content's digest.")
            .WithTags("Browser pages")
            .Produces(StatusCodes.Status200OK, contentType: "text/javascript")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

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

    private static async Task AssetAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string;
        if (name is null || WebAssets.Find(name) is not { } asset)
        {
            await Problems.ProblemWriter.WriteAsync(context, Problems.Problem.NotFound()).ConfigureAwait(false);
            return;
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        context.Response.ContentType = "text/javascript; charset=utf-8";
        context.Response.ContentLength = asset.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
        }
    }
}

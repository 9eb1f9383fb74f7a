using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Tigress.Relay.Web;

/// <summary>
/// The headers of every HTML page the relay serves. Scripts come only from the relay itself, each named with its
/// Subresource Integrity digest; no inline script, no eval, DOM sinks only through Trusted Types (of which the
/// pages define none, so no string ever becomes markup); no framing, no referrer, no caching, no opener.
/// </summary>
internal static class PageHeaders
{
    /// <summary>The pages' only style sheet, inline and allowed by its digest.</summary>
    public const string Style =
        "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}" +
        "p.hint{color:#666}.error{color:#a00}.ok{color:#060}pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.75rem}" +
        "input,textarea,select{display:block;width:100%;box-sizing:border-box;margin:.25rem 0 .75rem;font:inherit}textarea{min-height:6rem}" +
        "button{font:inherit;padding:.4rem 1rem;margin:.25rem .5rem .25rem 0}canvas{display:block;margin:1rem 0}label.inline{display:flex;gap:.5rem;align-items:center}" +
        "label.inline input{width:auto;display:inline;margin:0}";

    private static readonly string s_styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    /// <summary>The pages' Content-Security-Policy.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; style-src 'sha256-{s_styleHash}'; " +
        "require-trusted-types-for 'script'; trusted-types 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
    }

    /// <summary>A module script element for an embedded script, by a path relative to the page, under its digest name.</summary>
    public static string Script(string relativePath, WebAssets.Asset asset) =>
        $"""<script type="module" src="{relativePath}{asset.ServedName}" integrity="{asset.Integrity}"></script>""";

    /// <summary>The relay's icon, by a path relative to the page (a page that names none makes browsers ask for /favicon.ico).</summary>
    public static string Icon(string relativePath) =>
        $"""<link rel="icon" href="{relativePath}{WebAssets.Get("favicon.svg").ServedName}" type="image/svg+xml">""";
}

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
    /// <summary>
    /// The pages' only style sheet, inline and allowed by its digest. Colours are custom properties with a dark set
    /// for <c>prefers-color-scheme: dark</c>; every pair of text and background meets WCAG AA (4.5:1) in both, and
    /// every control is a 44 px touch target. Margins are logical (inline-start/end), so right-to-left pages mirror.
    /// </summary>
    public const string Style =
        ":root{color-scheme:light dark;--bg:#fff;--fg:#1f1f1f;--muted:#595959;--error:#a00000;--ok:#05620b;--code:#f2f2f2;" +
        "--field:#fff;--line:#767676;--accent:#0b57d0;--on-accent:#fff}" +
        "@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#e8e8e8;--muted:#b3b3b3;--error:#ff8a80;--ok:#7ddc83;" +
        "--code:#1f1f1f;--field:#1f1f1f;--line:#8f8f8f;--accent:#8ab4f8;--on-accent:#0b1f3a}}" +
        "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;background:var(--bg);color:var(--fg)}" +
        "h1{font-size:1.4rem}p.hint{color:var(--muted)}.error{color:var(--error)}.ok{color:var(--ok)}" +
        "pre{white-space:pre-wrap;word-break:break-all;background:var(--code);padding:.75rem}" +
        "input,textarea,select{display:block;width:100%;box-sizing:border-box;min-height:44px;margin:.25rem 0 .75rem;padding:.5rem;font:inherit;" +
        "color:var(--fg);background:var(--field);border:1px solid var(--line);border-radius:4px}textarea{min-height:6rem}" +
        "button{font:inherit;min-height:44px;padding:.5rem 1rem;margin:.25rem 0;margin-inline-end:.5rem;color:var(--on-accent);" +
        "background:var(--accent);border:1px solid var(--accent);border-radius:4px}button:disabled{opacity:.6}" +
        "canvas{display:block;margin:1rem 0}label.inline{display:flex;gap:.5rem;align-items:center;min-height:44px}" +
        "label.inline input{display:inline;width:1.25rem;height:1.25rem;min-height:0;margin:0;accent-color:var(--accent)}";

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

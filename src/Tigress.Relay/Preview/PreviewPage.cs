using System.Globalization;
using System.Text.Encodings.Web;
using Tigress.Protocol.Wire.Messages;
using Tigress.Relay.Web;

namespace Tigress.Relay.Preview;

/// <summary>
/// ReadDisplayInformationFromMailbox: a small HTML page whose OpenGraph tags let a messaging app show a preview
/// of a share link. Every value is HTML-encoded, the page loads nothing from elsewhere and sends no referrer. For a
/// person it is also the receive page: one same-origin module script (web/pages/receive.js, named with its integrity
/// digest) adds a Receive button, and nothing is claimed until it is pressed.
/// </summary>
internal static class PreviewPage
{

    /// <summary>
    /// The page for one share, in the words of <paramref name="t"/>. <paramref name="defaultImageUrl"/> stands in for an
    /// image the sender did not choose.
    /// </summary>
    public static string Render(DisplayInformationMessage display, string urlLink, DateTimeOffset expiresAt, string defaultImageUrl, PageText t, bool withReceiveScript = true)
    {
        var encoder = HtmlEncoder.Default;
        var title = encoder.Encode(display.Title ?? string.Empty);
        var description = encoder.Encode(display.Description ?? string.Empty);
        var image = encoder.Encode(IsPlaceholder(display.ImageUrl) ? defaultImageUrl : display.ImageUrl!);
        var url = encoder.Encode(urlLink);
        var expires = expiresAt.UtcDateTime;

        // The image is named for previews but not shown: loading it would tell its host who opened the link. The
        // sender's title and description keep their own direction (dir="auto"), whatever the page's language.
        return $"""
            <!DOCTYPE html>
            <html lang="{t.Language}" dir="{t.Direction}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <meta name="color-scheme" content="light dark">
            <title>{title}</title>
            <meta property="og:type" content="website">
            <meta property="og:title" content="{title}">
            <meta property="og:description" content="{description}">
            <meta property="og:image" content="{image}">
            <meta property="og:url" content="{url}">
            <style>{PageHeaders.Style}</style>
            {(withReceiveScript ? PageHeaders.Icon("../../web/") + PageHeaders.Script("../../web/", WebAssets.Get("receive.js")) : string.Empty)}
            </head>
            <body>
            <main>
            <h1 dir="auto">{title}</h1>
            <p dir="auto">{description}</p>
            <p class="hint" id="expires"><span data-i18n="receive.expiresLabel">{t["receive.expiresLabel"]}</span> <time datetime="{expires:yyyy-MM-ddTHH:mm:ssZ}">{expires.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}</time></p>
            <div id="app">
            <p class="hint" data-i18n="receive.intro">{t["receive.intro"]}</p>
            </div>
            </main>
            </body>
            </html>

            """;
    }

    /// <summary>
    /// No image chosen: none at all, or one under the reserved <c>.invalid</c> name (RFC 6761), which never loads and
    /// which the command and the share page send when the sender gives none (the wire format requires one).
    /// </summary>
    private static bool IsPlaceholder(string? imageUrl) =>
        string.IsNullOrEmpty(imageUrl)
        || (Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && (uri.Host == "invalid" || uri.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)));
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Relay.Preview;

/// <summary>
/// ReadDisplayInformationFromMailbox: a small HTML page whose OpenGraph tags let a messaging app show a preview
/// of a share link. Every value is HTML-encoded, the page runs no script, loads nothing and sends no referrer.
/// </summary>
internal static class PreviewPage
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}p.hint{color:#666}";

    /// <summary>The headers that make the page inert: no script, no subresource except the inline style, no framing.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(DisplayInformationMessage display, string urlLink)
    {
        var encoder = HtmlEncoder.Default;
        var title = encoder.Encode(display.Title ?? string.Empty);
        var description = encoder.Encode(display.Description ?? string.Empty);
        var image = encoder.Encode(display.ImageUrl ?? string.Empty);
        var url = encoder.Encode(urlLink);

        // The image is named for previews but not shown: loading it would tell its host who opened the link.
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <title>{title}</title>
            <meta property="og:type" content="website">
            <meta property="og:title" content="{title}">
            <meta property="og:description" content="{description}">
            <meta property="og:image" content="{image}">
            <meta property="og:url" content="{url}">
            <style>{Style}</style>
            </head>
            <body>
            <h1>{title}</h1>
            <p>{description}</p>
            <p class="hint">Someone shared a digital credential with you. Open this link in a wallet app on the device that should receive it.</p>
            </body>
            </html>

            """;
    }
}

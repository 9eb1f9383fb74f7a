namespace Tigress.Relay.Web;

/// <summary>What a person sees for a share link whose mailbox is gone, instead of a problem document.</summary>
internal static class GonePage
{
    public static string Render(PageText t) => $"""
        <!DOCTYPE html>
        <html lang="{t.Language}" dir="{t.Direction}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <meta name="color-scheme" content="light dark">
        <title>{t["gone.title"]}</title>
        <style>{PageHeaders.Style}</style>
        </head>
        <body>
        <main>
        <h1>{t["gone.title"]}</h1>
        <p id="gone">{t["gone.text"]}</p>
        </main>
        </body>
        </html>

        """;
}

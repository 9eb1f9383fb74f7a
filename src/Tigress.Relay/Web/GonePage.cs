namespace Tigress.Relay.Web;

/// <summary>What a person sees for a share link whose mailbox is gone, instead of a problem document.</summary>
internal static class GonePage
{
    public static string Render() => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>This link no longer works</title>
        <style>{PageHeaders.Style}</style>
        </head>
        <body>
        <h1>This link no longer works</h1>
        <p id="gone">The share was already received, the sender cancelled it, or it expired. Shares can be opened once. Ask the sender to share again.</p>
        </body>
        </html>

        """;
}

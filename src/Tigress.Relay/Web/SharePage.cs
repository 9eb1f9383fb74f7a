namespace Tigress.Relay.Web;

/// <summary>The relay's root page: share a secret from the browser (web/pages/share.js does the work).</summary>
internal static class SharePage
{
    public static string Render() => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>Share a secret</title>
        <style>{PageHeaders.Style}</style>
        {PageHeaders.Icon("web/")}
        {PageHeaders.Script("web/", WebAssets.Get("share.js"))}
        </head>
        <body>
        <h1>Share a secret</h1>
        <p class="hint">What you type is encrypted in this page. The relay stores only the encrypted share; the key travels in the link, after the #, and never reaches the relay.</p>
        <noscript><p class="error">This page needs JavaScript to encrypt in the browser. Without it, use the command line: tigress share.</p></noscript>
        <form id="share-form" autocomplete="off">
        <fieldset id="content-kind">
        <legend>What to share</legend>
        <label class="inline" for="kind-text"><input type="radio" id="kind-text" name="kind" value="text" checked> Text</label>
        <label class="inline" for="kind-file"><input type="radio" id="kind-file" name="kind" value="file"> A file</label>
        </fieldset>
        <div id="text-field">
        <label for="secret">Secret</label>
        <textarea id="secret" name="secret" spellcheck="false"></textarea>
        </div>
        <div id="file-field" hidden>
        <label for="file">File</label>
        <input type="file" id="file" name="file" aria-describedby="file-limit">
        <p class="hint" id="file-limit"></p>
        </div>
        <label for="expiry">The link works for</label>
        <select id="expiry" name="expiry">
        <option value="3600">1 hour</option>
        <option value="86400">1 day</option>
        <option value="172800" selected>2 days</option>
        <option value="604800">1 week</option>
        <option value="2592000">30 days</option>
        </select>
        <label for="title">Title (optional, shown in link previews: not secret)</label>
        <input id="title" name="title" maxlength="256">
        <label for="description">Description (optional, shown in link previews: not secret)</label>
        <input id="description" name="description" maxlength="256">
        <label class="inline" for="pin-option"><input type="checkbox" id="pin-option" name="pin"> Protect with a PIN</label>
        <fieldset id="pin-modes" hidden>
        <legend>Who checks the PIN</legend>
        <label class="inline" for="pin-relay"><input type="radio" id="pin-relay" name="pin-mode" value="relay" checked> The relay: 3 tries, and you may close this page once the link is shown</label>
        <label class="inline" for="pin-page"><input type="radio" id="pin-page" name="pin-mode" value="spake2"> This page: 1 try, and this page must stay open until the share is received</label>
        </fieldset>
        <p class="hint" id="pin-advice">Sending the link by e-mail or SMS, or anywhere others may read it? Protect it with a PIN, and tell the PIN another way (say it aloud): whoever reads the link alone cannot open the share.</p>
        <button type="submit" id="share">Share</button>
        </form>
        <div id="result"></div>
        </body>
        </html>

        """;
}

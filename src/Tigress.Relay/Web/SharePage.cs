namespace Tigress.Relay.Web;

/// <summary>
/// The relay's root page: share a secret from the browser (web/pages/share.js does the work). Every word comes from
/// the messages (<see cref="PageText"/>), marked with its key so the script can render it again in its own language.
/// </summary>
internal static class SharePage
{
    public static string Render(PageText t) => $"""
        <!DOCTYPE html>
        <html lang="{t.Language}" dir="{t.Direction}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <meta name="color-scheme" content="light dark">
        <title data-i18n="share.title">{t["share.title"]}</title>
        <style>{PageHeaders.Style}</style>
        {PageHeaders.Script("web/", WebAssets.Get("share.js"))}
        </head>
        <body>
        <main>
        <h1 data-i18n="share.title">{t["share.title"]}</h1>
        <p class="hint" data-i18n="share.intro">{t["share.intro"]}</p>
        <noscript><p class="error">{t["share.noscript"]}</p></noscript>
        <form id="share-form" autocomplete="off">
        <label for="secret" data-i18n="share.secretLabel">{t["share.secretLabel"]}</label>
        <textarea id="secret" name="secret" required spellcheck="false" dir="auto"></textarea>
        <label for="title" data-i18n="share.titleLabel">{t["share.titleLabel"]}</label>
        <input id="title" name="title" maxlength="256" dir="auto">
        <label for="description" data-i18n="share.descriptionLabel">{t["share.descriptionLabel"]}</label>
        <input id="description" name="description" maxlength="256" dir="auto">
        <label class="inline" for="pin-option"><input type="checkbox" id="pin-option" name="pin"> <span data-i18n="share.pinOption">{t["share.pinOption"]}</span></label>
        <fieldset id="pin-modes" hidden>
        <legend data-i18n="share.pinModes">{t["share.pinModes"]}</legend>
        <label class="inline" for="pin-relay"><input type="radio" id="pin-relay" name="pin-mode" value="relay" checked> <span data-i18n="share.pinModeRelay">{t["share.pinModeRelay"]}</span></label>
        <label class="inline" for="pin-page"><input type="radio" id="pin-page" name="pin-mode" value="spake2"> <span data-i18n="share.pinModePage">{t["share.pinModePage"]}</span></label>
        </fieldset>
        <p class="hint" id="pin-advice" data-i18n="share.pinAdvice">{t["share.pinAdvice"]}</p>
        <button type="submit" id="share" data-i18n="share.submit">{t["share.submit"]}</button>
        </form>
        <div id="result"></div>
        </main>
        </body>
        </html>

        """;
}

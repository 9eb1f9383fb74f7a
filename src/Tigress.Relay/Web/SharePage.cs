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
        {PageHeaders.Icon("web/")}
        {PageHeaders.Script("web/", WebAssets.Get("share.js"))}
        </head>
        <body>
        <main>
        <h1 data-i18n="share.title">{t["share.title"]}</h1>
        <p class="hint" data-i18n="share.intro">{t["share.intro"]}</p>
        <noscript><p class="error">{t["share.noscript"]}</p></noscript>
        <form id="share-form" autocomplete="off">
        <fieldset id="content-kind">
        <legend data-i18n="share.kindLegend">{t["share.kindLegend"]}</legend>
        <label class="inline" for="kind-text"><input type="radio" id="kind-text" name="kind" value="text" checked> <span data-i18n="share.kindText">{t["share.kindText"]}</span></label>
        <label class="inline" for="kind-file"><input type="radio" id="kind-file" name="kind" value="file"> <span data-i18n="share.kindFile">{t["share.kindFile"]}</span></label>
        </fieldset>
        <div id="text-field">
        <label for="secret" data-i18n="share.secretLabel">{t["share.secretLabel"]}</label>
        <textarea id="secret" name="secret" spellcheck="false" dir="auto"></textarea>
        </div>
        <div id="file-field" hidden>
        <label for="file" data-i18n="share.fileLabel">{t["share.fileLabel"]}</label>
        <input type="file" id="file" name="file" aria-describedby="file-limit">
        <p class="hint" id="file-limit"></p>
        </div>
        <label for="expiry" data-i18n="share.expiryLabel">{t["share.expiryLabel"]}</label>
        <select id="expiry" name="expiry">
        <option value="3600" data-i18n="share.expiry1h">{t["share.expiry1h"]}</option>
        <option value="86400" data-i18n="share.expiry1d">{t["share.expiry1d"]}</option>
        <option value="172800" selected data-i18n="share.expiry2d">{t["share.expiry2d"]}</option>
        <option value="604800" data-i18n="share.expiry1w">{t["share.expiry1w"]}</option>
        <option value="2592000" data-i18n="share.expiry30d">{t["share.expiry30d"]}</option>
        </select>
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

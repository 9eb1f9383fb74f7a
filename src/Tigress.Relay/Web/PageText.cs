using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Tigress.Relay.Web;

/// <summary>
/// The words of the pages in one language, from the message files the browser client bundles (web/i18n/*.json,
/// embedded here), so the relay renders a page in the language its script then keeps: the first of the request's
/// Accept-Language that the pages speak, matched by primary subtag, else English.
/// </summary>
internal sealed class PageText
{
    private const string Prefix = "i18n/";
    private const string Fallback = "en";

    private static readonly Lazy<FrozenDictionary<string, PageText>> s_languages = new(Load);

    // Markup characters are still encoded; letters of every script are written as they are (the page is UTF-8).
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FrozenDictionary<string, string> _messages;
    private readonly FrozenDictionary<string, string> _english;

    private PageText(string language, FrozenDictionary<string, string> messages, FrozenDictionary<string, string>? english)
    {
        Language = language;
        _messages = messages;
        _english = english ?? messages;
    }

    /// <summary>The primary language subtag (<c>de</c>), for <c>&lt;html lang&gt;</c>.</summary>
    public string Language { get; }

    /// <summary><c>rtl</c> or <c>ltr</c>, for <c>&lt;html dir&gt;</c>.</summary>
    public string Direction => _messages.GetValueOrDefault("meta.dir") == "rtl" ? "rtl" : "ltr";

    /// <summary>A message, HTML-encoded; a key missing from this language falls back to English.</summary>
    public string this[string key] => s_encoder.Encode(
        _messages.GetValueOrDefault(key) ?? _english.GetValueOrDefault(key)
        ?? throw new InvalidOperationException($"web/i18n/en.json has no message {key}."));

    /// <summary>The text in English.</summary>
    public static PageText English => s_languages.Value[Fallback];

    /// <summary>The text in the language this request prefers.</summary>
    public static PageText For(HttpRequest request)
    {
        var languages = s_languages.Value;
        IList<StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return English;
        }

        // Highest quality first; equal qualities keep the order the browser sent.
        foreach (var range in accepted.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var tag = range.Value.Value ?? string.Empty;
            var primary = tag.Split('-', 2)[0].ToLowerInvariant();
            if (languages.TryGetValue(primary, out var text))
            {
                return text;
            }
        }

        return English;
    }

    /// <summary>Says which language the page is in, and that it depends on the request's languages.</summary>
    public void Apply(HttpResponse response)
    {
        response.Headers.ContentLanguage = Language;
        response.Headers.Append("Vary", "Accept-Language");
    }

    private static FrozenDictionary<string, PageText> Load()
    {
        var assembly = typeof(PageText).Assembly;
        var catalogs = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var document = JsonDocument.Parse(stream);
            var messages = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Plural messages (objects of forms) belong to the scripts; the templates use plain strings.
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    messages[property.Name] = property.Value.GetString()!;
                }
            }

            catalogs[resource[Prefix.Length..^".json".Length]] = messages.ToFrozenDictionary(StringComparer.Ordinal);
        }

        if (!catalogs.TryGetValue(Fallback, out var english))
        {
            throw new InvalidOperationException("The relay was built without web/i18n/en.json.");
        }

        return catalogs.ToFrozenDictionary(
            pair => pair.Key,
            pair => new PageText(pair.Key, pair.Value, english),
            StringComparer.Ordinal);
    }
}

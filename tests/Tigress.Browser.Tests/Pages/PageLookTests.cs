using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tigress.Browser.Tests.TestServices;
using Tigress.Client.Transfers;
using Tigress.Protocol.Provisioning;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.CSharpSide;

namespace Tigress.Browser.Tests.Pages;

/// <summary>
/// Every state of the share and receive pages (share form, PIN and file chosen, link shown, the share page reopened
/// with its kept share, PIN entry, incomplete PIN, wrong PIN, receive before press, received, gone) in headless Chromium on a phone-sized screen, as web/tools/browser.js
/// <c>audit</c> walks them: axe-core with best practices, touch targets, landmarks, dark mode, and the page language
/// in a German and an Arabic browser.
/// </summary>
public sealed partial class PageLookTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private const string SenderTitle = "A title the sender wrote";
    private const string SenderContent = "Words the sender typed";

    private static readonly string[] s_states =
    [
        "share form", "share form, PIN chosen", "share form, file chosen", "link shown", "share page reopened",
        "PIN entry", "PIN incomplete", "wrong PIN", "receive before press", "received", "gone",
    ];

    [Fact]
    public async Task EveryState_AxeWithBestPractices_NoViolation_TouchSizedControls_AllTextInTheMainLandmark()
    {
        var states = await AuditAsync();

        foreach (var state in states)
        {
            var name = state.GetProperty("state").GetString();
            Assert.True(state.GetProperty("axe").GetArrayLength() == 0, $"{name}: axe-core found {state.GetProperty("axe")}");
            Assert.True(state.GetProperty("smallControls").GetArrayLength() == 0, $"{name}: controls under 44 px: {state.GetProperty("smallControls")}");
            Assert.True(state.GetProperty("controls").GetArrayLength() > 0 || name == "gone", $"{name}: the page shows controls");
            Assert.True(state.GetProperty("outsideLandmarks").GetArrayLength() == 0, $"{name}: text outside landmarks: {state.GetProperty("outsideLandmarks")}");
            Assert.Empty(state.GetProperty("pageErrors").EnumerateArray());
            Assert.Equal("en", state.GetProperty("lang").GetString());
            Assert.Equal("ltr", state.GetProperty("dir").GetString());
        }
    }

    [Fact]
    public async Task EveryState_DarkScheme_ColoursDifferFromLight_TextContrastAtLeastAA()
    {
        var light = await AuditAsync();
        var dark = await AuditAsync("--dark");

        foreach (var (lit, darkened) in light.Zip(dark))
        {
            var name = darkened.GetProperty("state").GetString();
            Assert.True(darkened.GetProperty("axe").GetArrayLength() == 0, $"{name} (dark): axe-core found {darkened.GetProperty("axe")}");
            var page = Colours(darkened, "page");
            Assert.NotEqual(Colours(lit, "page"), page);
            Assert.True(Luminance(page.Background) < Luminance(page.Foreground), $"{name}: dark means light text on a dark background, not {page}");
            foreach (var state in new[] { lit, darkened })
            {
                foreach (var part in new[] { "page", "hint", "button" })
                {
                    if (state.GetProperty(part).ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    var colours = Colours(state, part);
                    var background = colours.Background.A == 0 ? Colours(state, "page").Background : colours.Background;
                    var contrast = Contrast(colours.Foreground, background);
                    Assert.True(contrast >= 4.5, $"{name}, {part}: contrast {contrast:F2} of {colours.Foreground} on {background}");
                }
            }
        }
    }

    [Fact]
    public async Task GermanBrowser_EveryStateInGerman_AxeFindsNothing()
    {
        var states = await AuditAsync("--lang=de-DE,de");

        foreach (var state in states)
        {
            var name = state.GetProperty("state").GetString();
            Assert.Equal("de", state.GetProperty("lang").GetString());
            Assert.Equal("ltr", state.GetProperty("dir").GetString());
            Assert.True(state.GetProperty("axe").GetArrayLength() == 0, $"{name}: axe-core found {state.GetProperty("axe")}");
        }

        Assert.Equal("Ein Geheimnis teilen", State(states, "share form").GetProperty("title").GetString());
        Assert.Equal("Teilen", Text(State(states, "share form"), "button#share"));
        Assert.Equal("Empfangen", Text(State(states, "receive before press"), "button#receive"));
        Assert.Equal("Link kopieren", Text(State(states, "link shown"), "button"));
        Assert.StartsWith("Falsche PIN; noch 2 Versuche.", Text(State(states, "wrong PIN"), "p#status"), StringComparison.Ordinal);
        Assert.Equal("Dieser Link funktioniert nicht mehr", State(states, "gone").GetProperty("title").GetString());
        Assert.StartsWith("Läuft ab am ", Text(State(states, "receive before press"), "p#expires"), StringComparison.Ordinal);
        Assert.Equal("Ihre Freigaben auf diesem Gerät", Text(State(states, "share page reopened"), "h2#mine-title"));
        Assert.Contains("Eine Datei", State(states, "share form, file chosen").GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task ArabicBrowser_RightToLeft_NoLatinWordOfThePages_SenderTextKeepsItsOwnDirection()
    {
        var states = await AuditAsync("--lang=ar");

        foreach (var state in states)
        {
            var name = state.GetProperty("state").GetString();
            Assert.Equal("ar", state.GetProperty("lang").GetString());
            Assert.Equal("rtl", state.GetProperty("dir").GetString());
            Assert.True(state.GetProperty("axe").GetArrayLength() == 0, $"{name}: axe-core found {state.GetProperty("axe")}");
            // Every word the pages say is Arabic; Latin letters appear only in what keeps its own direction: the
            // sender's words, the link and the PIN.
            var latin = state.GetProperty("texts").EnumerateArray()
                .Where(t => !t.GetProperty("ownDirection").GetBoolean() && LatinLetters().IsMatch(t.GetProperty("text").GetString()!))
                .Select(t => $"{t.GetProperty("element").GetString()}: {t.GetProperty("text").GetString()}")
                .ToList();
            Assert.True(latin.Count == 0, $"{name}: text in Latin letters: {string.Join(" | ", latin)}");
            if (!state.GetProperty("titleIsSenders").GetBoolean())
            {
                Assert.DoesNotMatch(LatinLetters(), state.GetProperty("title").GetString()!);
            }
        }

        Assert.Equal("استلام", Text(State(states, "receive before press"), "button#receive"));
        Assert.Equal("مشاركة", Text(State(states, "share form"), "button#share"));
        var sender = State(states, "received").GetProperty("senderText").EnumerateArray().ToList();
        Assert.Contains(sender, e => e.GetProperty("element").GetString() == "h1" && e.GetProperty("text").GetString() == SenderTitle && e.GetProperty("dir").GetString() == "auto");
        Assert.Contains(sender, e => e.GetProperty("element").GetString() == "pre#content" && e.GetProperty("text").GetString() == SenderContent && e.GetProperty("dir").GetString() == "auto");
    }

    /// <summary>
    /// Walks every state in one browser: a plain share whose C# sender runs (received in the page), and a relay-assisted
    /// PIN share (the wrong PIN spends one of its three guesses).
    /// </summary>
    private async Task<IReadOnlyList<JsonElement>> AuditAsync(params string[] options)
    {
        var display = new DisplayInformation(SenderTitle, "The sender's description", new Uri("https://example.com/i.png"));
        using var initiator = await ShareAsync(fixture.BaseUri, SenderContent, display);
        var link = await LinkAsync(initiator);
        var sending = RunAsync(initiator);
        using var pinShare = await ShareAsync(fixture.BaseUri, "behind a PIN", display, pin: "7654321", pinMode: PinMode.RelayAssisted);
        var pinLink = await LinkAsync(pinShare);

        var states = await Chromium.RunAsync(["audit", fixture.BaseUri.AbsoluteUri, link, pinLink, .. options]);

        Assert.Equal(TransferStatus.Completed, (await sending).Status);
        Assert.Equal(s_states, states.Select(s => s.GetProperty("state").GetString()));
        return states;
    }

    private static JsonElement State(IReadOnlyList<JsonElement> states, string name) =>
        states.Single(s => s.GetProperty("state").GetString() == name);

    /// <summary>The first visible text of an element (<c>button#receive</c>, or a tag alone for the first of that tag).</summary>
    private static string? Text(JsonElement state, string element) =>
        state.GetProperty("texts").EnumerateArray().First(t => t.GetProperty("element").GetString() == element).GetProperty("text").GetString();

    private static (Rgba Foreground, Rgba Background) Colours(JsonElement state, string part)
    {
        var colours = state.GetProperty(part);
        return (Rgba.Parse(colours.GetProperty("color").GetString()!), Rgba.Parse(colours.GetProperty("background").GetString()!));
    }

    /// <summary>WCAG 2 relative luminance.</summary>
    private static double Luminance(Rgba c)
    {
        static double Channel(int value)
        {
            var s = value / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }

    /// <summary>WCAG 2 contrast ratio, 1 to 21.</summary>
    private static double Contrast(Rgba a, Rgba b)
    {
        var (lighter, darker) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (lighter + 0.05) / (darker + 0.05);
    }

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex LatinLetters();

    [GeneratedRegex(@"^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$")]
    private static partial Regex CssColour();

    /// <summary>A computed CSS colour.</summary>
    private readonly record struct Rgba(int R, int G, int B, double A)
    {
        public static Rgba Parse(string css)
        {
            var match = CssColour().Match(css);
            Assert.True(match.Success, $"a computed colour: {css}");
            var alpha = match.Groups[4].Success ? double.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
            return new Rgba(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), alpha);
        }

        public override string ToString() => $"rgba({R}, {G}, {B}, {A.ToString(CultureInfo.InvariantCulture)})";
    }
}

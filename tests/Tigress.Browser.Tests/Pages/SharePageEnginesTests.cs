using System.Text.Json;
using Tigress.Browser.Tests.TestServices;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.PageChecks;

namespace Tigress.Browser.Tests.Pages;

/// <summary>
/// The share page in Firefox ESR and WebKitGTK, against a real loopback relay, received by the real <c>tigress</c>
/// command: a text with no PIN while the page stays open and says it was received, and a relay-assisted PIN share
/// whose page is closed as soon as the link and PIN are shown.
/// </summary>
public sealed class SharePageEnginesTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    [Fact]
    public async Task SharePage_Firefox_Text_TigressReceivesIt_PageSaysReceived()
    {
        using var sharing = Firefox.StartShare(fixture.BaseUri, "shared from Firefox \u00e9");
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        Assert.Equal(JsonValueKind.Null, shared.GetProperty("pin").ValueKind);
        Assert.True(shared.GetProperty("qr").GetBoolean());

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link);

        Assert.True(exitCode == 0, error);
        Assert.Equal("shared from Firefox \u00e9", output);
        var outcome = await ReadLineAsync(sharing);
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["opened", "received"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(outcome.GetProperty("dialogs").EnumerateArray());
        StayedHome(outcome, link, fixture.BaseUri);
        Assert.True(sharing.WaitForExit(60_000), "the share scenario ended with its browser");
        Assert.Equal(0, sharing.ExitCode);
    }

    [Fact]
    public async Task SharePage_Firefox_RelayPin_Closed_TigressReceiveWithThePin()
    {
        using var sharing = Firefox.StartShare(fixture.BaseUri, "a PIN share from Firefox", pin: "pin", close: true);
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        Assert.True(shared.GetProperty("pinModesOffered").GetBoolean(), "the relay offers the relay-assisted PIN, so the page offers it");
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Contains("&p=2#", link, StringComparison.Ordinal);
        var closed = await ReadLineAsync(sharing);
        Assert.True(closed.GetProperty("closed").GetBoolean(), "the page let itself be closed");
        Assert.Empty(closed.GetProperty("dialogs").EnumerateArray());
        Assert.True(sharing.WaitForExit(60_000), "the share scenario ended with its browser");

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link, "--pin", pin);

        Assert.True(exitCode == 0, error);
        Assert.Equal("a PIN share from Firefox", output);
    }

    [Fact]
    public async Task SharePage_WebKit_Text_TigressReceivesIt_PageSaysReceived()
    {
        using var sharing = WebKit.StartShare(fixture.BaseUri, "shared from WebKit \u00e9");
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        Assert.Contains("AppleWebKit", shared.GetProperty("browser").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, shared.GetProperty("pin").ValueKind);
        Assert.True(shared.GetProperty("qr").GetBoolean());

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link);

        Assert.True(exitCode == 0, error);
        Assert.Equal("shared from WebKit \u00e9", output);
        var outcome = await ReadLineAsync(sharing);
        Assert.Equal("received", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["opened", "received"], outcome.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(sharing.WaitForExit(60_000), "the share scenario ended with its browser");
        Assert.Equal(0, sharing.ExitCode);
    }

    [Fact]
    public async Task SharePage_WebKit_RelayPin_Closed_TigressReceiveWithThePin()
    {
        using var sharing = WebKit.StartShare(fixture.BaseUri, "a PIN share from WebKit", pin: "pin", close: true);
        var shared = await ReadLineAsync(sharing);
        var link = shared.GetProperty("link").GetString()!;
        var pin = shared.GetProperty("pin").GetString()!;
        Assert.Matches("^[0-9]{7}$", pin);
        Assert.Contains("&p=2#", link, StringComparison.Ordinal);
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean(), "the window was closed");
        Assert.True(sharing.WaitForExit(60_000), "the share scenario ended with its browser");

        var (exitCode, output, error) = await RunTigressAsync("receive", "--yes", link, "--pin", pin);

        Assert.True(exitCode == 0, error);
        Assert.Equal("a PIN share from WebKit", output);
    }
}

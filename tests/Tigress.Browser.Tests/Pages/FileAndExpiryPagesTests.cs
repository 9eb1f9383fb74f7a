using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Tigress.Browser.Tests.TestServices;
using Tigress.Testing;
using static Tigress.Browser.Tests.TestServices.PageChecks;

namespace Tigress.Browser.Tests.Pages;

/// <summary>
/// Files and expiry in the pages, against a real loopback relay and the real <c>tigress</c> command: a file shared from
/// the page arrives at <c>tigress receive</c> under its name, a file from <c>tigress share --file</c> is offered for
/// download under its name, the share page offers the expiries the relay allows, and the receive page says when
/// the share expires and that its content is shown once (Chromium, Firefox ESR and WebKitGTK).
/// </summary>
public sealed class FileAndExpiryPagesTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tigress-file-pages-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SharePage_File_TigressReceiveSavesItUnderItsName()
    {
        // Bytes that are not text, so nothing on the way may treat them as text.
        var content = RandomNumberGenerator.GetBytes(3000);
        var file = Path.Combine(_folder, "notes-from-the-page.bin");
        await File.WriteAllBytesAsync(file, content);
        using var sharing = Chromium.StartShare(fixture.BaseUri, "unused", close: true, extra: [$"--file={file}"]);
        var shared = await ReadLineAsync(sharing);
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());
        var into = Directory.CreateDirectory(Path.Combine(_folder, "received")).FullName;

        var (exitCode, _, error) = await RunTigressInAsync(into, "receive", "--yes", shared.GetProperty("link").GetString()!);

        Assert.True(exitCode == 0, error);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(into, "notes-from-the-page.bin")));
    }

    [Fact]
    public async Task TigressShareFile_ReceivePage_OffersTheDownloadUnderItsName_ShownOnce()
    {
        var content = RandomNumberGenerator.GetBytes(2000);
        var file = Path.Combine(_folder, "car-key.der");
        await File.WriteAllBytesAsync(file, content);
        using var share = Process.Start(TigressExecutable.StartInfo(["share", "--relay", fixture.BaseUri.AbsoluteUri, "--file", file]))!;
        try
        {
            share.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var link = (await share.StandardOutput.ReadLineAsync(cts.Token))!;
            var downloads = Directory.CreateDirectory(Path.Combine(_folder, "downloads")).FullName;

            var page = (await Chromium.RunAsync("receive", link, $"--downloads={downloads}")).Single();

            Assert.Equal("car-key.der", page.GetProperty("file").GetString());
            Assert.Equal("A file: car-key.der (1 KB).", page.GetProperty("fileText").GetString());
            Assert.Equal(JsonNull, page.GetProperty("content").ValueKind);
            var saved = page.GetProperty("saved");
            Assert.Equal("car-key.der", saved.GetProperty("name").GetString());
            Assert.Equal(content, Convert.FromBase64String(saved.GetProperty("base64").GetString()!));
            Assert.StartsWith("The content is shown once", page.GetProperty("once").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("Shown once: copy it or save it now.", page.GetProperty("onceAfter").GetString(), StringComparison.Ordinal);
            StayedHome(page, link, fixture.BaseUri);
            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await share.WaitForExitAsync(exit.Token);
            Assert.Equal(0, share.ExitCode);
        }
        finally
        {
            if (!share.HasExited)
            {
                share.Kill();
            }
        }
    }

    [Fact]
    public async Task SharePage_OneHour_ChoicesUpToTheRelaysMaximum_ReceivePageSaysWhenItExpires_SaveAsFile()
    {
        using var sharing = Chromium.StartShare(fixture.BaseUri, "good for an hour", close: true, extra: ["--expiry=3600"]);
        var shared = await ReadLineAsync(sharing);
        Assert.True((await ReadLineAsync(sharing)).GetProperty("closed").GetBoolean());
        var sharedAt = DateTimeOffset.UtcNow;

        // The relay's maximum is 48 hours: the week and the month are not offered.
        Assert.Equal(["3600", "86400", "172800"], shared.GetProperty("expiryChoices").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("The link works until ", shared.GetProperty("expires").GetString(), StringComparison.Ordinal);
        var link = shared.GetProperty("link").GetString()!;
        var downloads = Directory.CreateDirectory(Path.Combine(_folder, "saved")).FullName;

        var page = (await Chromium.RunAsync("receive", link, $"--downloads={downloads}")).Single();

        Assert.Matches("^Expires .+ \\(in less than an hour\\)\\. Until then it can be opened once\\.$", page.GetProperty("expires").GetString());
        var expiresAt = DateTimeOffset.Parse(page.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt, sharedAt.AddMinutes(55), sharedAt.AddMinutes(61));
        Assert.Equal("good for an hour", page.GetProperty("content").GetString());
        Assert.Equal(JsonNull, page.GetProperty("expiresAfter").ValueKind);
        var saved = page.GetProperty("saved");
        Assert.Equal("save", saved.GetProperty("button").GetString());
        Assert.Equal("good for an hour"u8.ToArray(), Convert.FromBase64String(saved.GetProperty("base64").GetString()!));
    }

    [Fact]
    public async Task ReceivePage_Firefox_SaysWhenItExpires_ShownOnce_Received()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "expiry seen in Firefox");

        var page = (await Firefox.RunAsync("receive", share.Link)).Single();

        Assert.Matches("^Expires .+ \\(in (47|48) hours\\)\\. Until then it can be opened once\\.$", page.GetProperty("expires").GetString());
        Assert.StartsWith("The content is shown once", page.GetProperty("once").GetString(), StringComparison.Ordinal);
        Assert.Equal("expiry seen in Firefox", page.GetProperty("content").GetString());
        Assert.StartsWith("Shown once", page.GetProperty("onceAfter").GetString(), StringComparison.Ordinal);
        Assert.Empty(page.GetProperty("pageErrors").EnumerateArray());
        Assert.Equal("received", (await share.OutcomeAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ReceivePage_WebKit_SaysWhenItExpires_ShownOnce_Received()
    {
        using var share = await JsClient.ShareAsync(fixture.BaseUri, "expiry seen in WebKit");

        var page = await WebKit.RunAsync("receive", share.Link);

        Assert.Matches("^Expires .+ \\(in (47|48) hours\\)\\. Until then it can be opened once\\.$", page.GetProperty("expires").GetString());
        Assert.StartsWith("The content is shown once", page.GetProperty("once").GetString(), StringComparison.Ordinal);
        Assert.Equal("expiry seen in WebKit", page.GetProperty("content").GetString());
        Assert.StartsWith("Shown once", page.GetProperty("onceAfter").GetString(), StringComparison.Ordinal);
        Assert.Equal("received", (await share.OutcomeAsync()).GetProperty("outcome").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    /// <summary>Runs <c>tigress</c> in a folder with no standard input; its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunTigressInAsync(string folder, params string[] arguments)
    {
        var start = TigressExecutable.StartInfo(arguments);
        start.WorkingDirectory = folder;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output, await error);
    }
}

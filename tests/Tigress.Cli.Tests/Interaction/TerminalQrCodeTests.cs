using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tigress.Cli.Interaction;
using Tigress.Testing;

namespace Tigress.Cli.Tests.Interaction;

/// <summary>
/// The QR code as people see it: the CLI's output drawn the way a terminal draws it (its own default colours where
/// the output sets none, the ANSI colours where it does; a half block fills the top or bottom half of its cell),
/// then decoded by zbarimg, a real QR reader.
/// </summary>
public sealed class TerminalQrCodeTests(LoopbackRelayFixture fixture) : IClassFixture<LoopbackRelayFixture>
{
    private const string Link = "https://relay.example/m/0123456789abcdef#k=Zm9vYmFyYmF6cXV4LXNlY3JldC1wYXJ0LWxvbmc&v=a";

    // Grey levels: a dark theme (light text on near-black) and a light one (dark text on near-white).
    private static readonly Theme s_dark = new(Foreground: 0xD0, Background: 0x1E);
    private static readonly Theme s_light = new(Foreground: 0x20, Background: 0xF5);

    [Fact]
    public async Task QrCode_OnADarkTerminal_DecodesToTheLink()
    {
        Assert.Equal(Link, await DecodeAsync(Render(TerminalQrCode.Render(Link), s_dark)));
    }

    [Fact]
    public async Task QrCode_OnALightTerminal_DecodesToTheLink()
    {
        Assert.Equal(Link, await DecodeAsync(Render(TerminalQrCode.Render(Link), s_light)));
    }

    [Fact]
    public async Task Reader_RefusesAnUncolouredCodeOnADarkTerminal_SoTheColoursAreWhatMakesItWork()
    {
        // The same code without its colour codes takes the theme's colours: inverted on a dark terminal, unreadable.
        var plain = TerminalQrCode.Render(Link).Replace("\e[30;107m", "", StringComparison.Ordinal).Replace("\e[0m", "", StringComparison.Ordinal);

        Assert.Equal(Link, await DecodeAsync(Render(plain, s_light)));
        Assert.Null(await DecodeAsync(Render(plain, s_dark)));
    }

    [Fact]
    public async Task Share_OnARealTerminal_DrawsACodeThatDecodesToTheLink_OnDarkAndLight()
    {
        var screen = await RunOnTerminalAsync("share --relay '" + fixture.Relay.BaseUri.AbsoluteUri + "' --text 'on a terminal'");

        // stdout and stderr both reach the terminal: the link is a line of its own, the code's lines carry its colours.
        var lines = screen.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var link = lines.Select(l => l.IndexOf(fixture.Relay.BaseUri.AbsoluteUri, StringComparison.Ordinal) is var i and >= 0 ? l[i..] : null)
            .First(l => l is not null && !l.Contains(' ', StringComparison.Ordinal));
        var code = string.Join('\n', lines.Where(l => l.Contains(QrColours, StringComparison.Ordinal)).Select(l => l[l.IndexOf(QrColours, StringComparison.Ordinal)..]));
        Assert.NotEmpty(code);

        Assert.Equal(link, await DecodeAsync(Render(code, s_dark)));
        Assert.Equal(link, await DecodeAsync(Render(code, s_light)));
    }

    [Fact]
    public async Task Share_NoQr_OnARealTerminal_DrawsNoCode()
    {
        var screen = await RunOnTerminalAsync("share --no-qr --relay '" + fixture.Relay.BaseUri.AbsoluteUri + "' --text 'no code'");

        Assert.DoesNotContain(QrColours, screen, StringComparison.Ordinal);
        Assert.DoesNotContain("▀", screen, StringComparison.Ordinal);
    }

    /// <summary>Runs the built command on a pseudo-terminal (util-linux <c>script</c>), as a person does, until it
    /// has told the sender what to run; then ends it. Returns everything the terminal received.</summary>
    private static async Task<string> RunOnTerminalAsync(string arguments)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-qec", $"exec '{host}' '{Path.Combine(AppContext.BaseDirectory, "tigress.dll")}' {arguments}", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var screen = new StringBuilder();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var buffer = new char[4096];
            while (!screen.ToString().Contains("or run:", StringComparison.Ordinal))
            {
                var read = await process.StandardOutput.ReadAsync(buffer, timeout.Token);
                Assert.True(read > 0, "the share ended before it told the sender what to run: " + screen);
                screen.Append(buffer, 0, read);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        return screen.ToString();
    }

    private const string QrColours = "\e[30;107m";

    private sealed record Theme(byte Foreground, byte Background);

    private const int CellWidth = 4;
    private const int CellHeight = 8;
    private const int Margin = 3; // cells of the terminal's own background around the output

    /// <summary>Draws terminal output as grey pixels: SGR colours honoured, full and half blocks filled.</summary>
    private static byte[,] Render(string output, Theme theme)
    {
        var lines = output.TrimEnd('\n').Split('\n');
        var cells = new List<List<(char Glyph, byte Fg, byte Bg)>>();
        foreach (var line in lines)
        {
            var row = new List<(char, byte, byte)>();
            var fg = theme.Foreground;
            var bg = theme.Background;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '\e')
                {
                    var end = line.IndexOf('m', i);
                    Assert.True(end > i + 1 && line[i + 1] == '[', "only SGR sequences are expected in the QR code");
                    foreach (var part in line[(i + 2)..end].Split(';'))
                    {
                        var code = part.Length == 0 ? 0 : int.Parse(part, CultureInfo.InvariantCulture);
                        (fg, bg) = code switch
                        {
                            0 => (theme.Foreground, theme.Background),
                            39 => (theme.Foreground, bg),
                            49 => (fg, theme.Background),
                            >= 30 and <= 37 => (Palette(code - 30, bright: false), bg),
                            >= 90 and <= 97 => (Palette(code - 90, bright: true), bg),
                            >= 40 and <= 47 => (fg, Palette(code - 40, bright: false)),
                            >= 100 and <= 107 => (fg, Palette(code - 100, bright: true)),
                            _ => throw new InvalidOperationException($"unexpected SGR code {code}"),
                        };
                    }

                    i = end;
                    continue;
                }

                row.Add((line[i], fg, bg));
            }

            cells.Add(row);
        }

        var columns = cells.Max(r => r.Count) + 2 * Margin;
        var rows = cells.Count + 2 * Margin;
        var image = new byte[rows * CellHeight, columns * CellWidth];
        for (var y = 0; y < image.GetLength(0); y++)
        {
            for (var x = 0; x < image.GetLength(1); x++)
            {
                image[y, x] = theme.Background;
            }
        }

        for (var r = 0; r < cells.Count; r++)
        {
            for (var c = 0; c < cells[r].Count; c++)
            {
                var (glyph, fg, bg) = cells[r][c];
                for (var dy = 0; dy < CellHeight; dy++)
                {
                    var top = dy < CellHeight / 2;
                    var ink = glyph switch
                    {
                        '█' => true,
                        '▀' => top,
                        '▄' => !top,
                        ' ' => false,
                        _ => throw new InvalidOperationException($"unexpected character U+{(int)glyph:X4}"),
                    };
                    for (var dx = 0; dx < CellWidth; dx++)
                    {
                        image[((r + Margin) * CellHeight) + dy, ((c + Margin) * CellWidth) + dx] = ink ? fg : bg;
                    }
                }
            }
        }

        return image;
    }

    // The usual xterm palette, as grey levels.
    private static byte Palette(int index, bool bright) => (index, bright) switch
    {
        (0, false) => 0x00,
        (0, true) => 0x7F,
        (7, false) => 0xE5,
        (7, true) => 0xFF,
        (_, false) => 0x60,
        (_, true) => 0xA0,
    };

    /// <summary>The text zbarimg reads from the image, or null when it finds no code.</summary>
    private static async Task<string?> DecodeAsync(byte[,] image)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tigress-qr-{Guid.NewGuid():N}.pgm");
        try
        {
            var height = image.GetLength(0);
            var width = image.GetLength(1);
            using (var file = File.Create(path))
            {
                file.Write(Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n"));
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        file.WriteByte(image[y, x]);
                    }
                }
            }

            var start = new ProcessStartInfo("zbarimg") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--raw", "-q", "-Sdisable", "-Sqrcode.enable", path })
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new InvalidOperationException("zbarimg is missing: run ./test.sh, which installs zbar-tools.", exception);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

                // zbarimg exits 4 when the image holds no code it can read.
                if (process.ExitCode == 4)
                {
                    return null;
                }

                Assert.True(process.ExitCode == 0, $"zbarimg failed ({process.ExitCode}): {await stderr}");
                return (await stdout).TrimEnd('\n');
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}

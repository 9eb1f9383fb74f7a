using System.Text;
using QRCoder;

namespace Tigress.Cli.Interaction;

/// <summary>
/// A QR code for a terminal: two modules a character cell (half blocks), drawn black on white with explicit ANSI
/// colours and a quiet zone, so it reads the same on a dark theme as on a light one. Plain characters alone take the
/// theme's colours, and a light-on-dark code is inverted: most scanners refuse it.
/// </summary>
internal static class TerminalQrCode
{
    // Foreground black, background white (the bright variants where terminals tone down the plain ones), then reset.
    private const string Colours = "\e[30;107m";
    private const string Reset = "\e[0m";

    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);

        // QRCoder's matrix already carries the 4-module quiet zone the standard asks for.
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var builder = new StringBuilder();
        for (var row = 0; row < size; row += 2)
        {
            builder.Append(Colours);
            for (var column = 0; column < size; column++)
            {
                var top = matrix[row][column];
                var bottom = row + 1 < size && matrix[row + 1][column];
                builder.Append((top, bottom) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            builder.Append(Reset).Append('\n');
        }

        return builder.ToString();
    }
}

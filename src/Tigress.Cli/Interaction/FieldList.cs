using Spectre.Console;

namespace Tigress.Cli.Interaction;

/// <summary>
/// Label and value pairs laid out in two columns, such as the offer <c>receive</c> shows before it asks. A value too
/// long for the terminal wraps within its own column, never back to the first one: text another party chose starts
/// at the value column on every line, so however it is worded it cannot pass for one of the command's own lines.
/// </summary>
internal static class FieldList
{
    public static void Write(IAnsiConsole console, IReadOnlyList<(string Label, string Value)> fields)
    {
        var grid = new Grid();

        // The labels keep their width; the values take the rest of the line, measured in terminal cells (a wide
        // character counts twice), so no line is longer than the terminal and it never wraps one by itself.
        grid.AddColumn(new GridColumn { NoWrap = true, Padding = new Padding(0, 0, 1, 0) });
        grid.AddColumn(new GridColumn { Padding = new Padding(0) });
        foreach (var (label, value) in fields)
        {
            // Text, never markup: the value is someone else's.
            grid.AddRow(new Text(label), new Text(value));
        }

        console.Write(grid);
    }
}

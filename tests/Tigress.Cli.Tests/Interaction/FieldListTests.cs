using Spectre.Console;
using Tigress.Cli.Interaction;

namespace Tigress.Cli.Tests.Interaction;

/// <summary>Values that wrap stay in their column, at any terminal width, measured in terminal cells.</summary>
public sealed class FieldListTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(132)]
    public void Write_LongValue_WrapsWithinItsColumn_EveryLineFitsTheWidth(int width)
    {
        var lines = Render(width, ("Title:", "Short"), ("Description:", string.Join(" ", Enumerable.Repeat("word", 200)) + " " + new string('x', 300)));

        Assert.Equal("Title:       Short", lines[0]);
        Assert.StartsWith("Description: word", lines[1], StringComparison.Ordinal);
        Assert.True(lines.Length > 3);
        Assert.All(lines.Skip(2), l => Assert.StartsWith(new string(' ', 13), l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
    }

    [Fact]
    public void Write_WideCharacters_CountTwiceSoNoLineOverflowsTheTerminal()
    {
        var lines = Render(40, ("Description:", string.Concat(Enumerable.Repeat("\u8ECA\u306E\u9375", 40))));

        Assert.All(lines.Skip(1), l => Assert.StartsWith(new string(' ', 13), l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(Cells(l) <= 40, $"{Cells(l)} cells: {l}"));
    }

    [Fact]
    public void Write_ValueWithMarkup_ShownAsWritten()
    {
        var lines = Render(80, ("Title:", "[red]not red[/] [link=https://x.example]x[/]"));

        Assert.Equal("Title: [red]not red[/] [link=https://x.example]x[/]", lines[0]);
    }

    private static string[] Render(int width, params (string Label, string Value)[] fields)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = width;

        FieldList.Write(console, fields);

        return text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
    }

    // The characters used here: the CJK ones take two cells, the rest one.
    private static int Cells(string line) => line.Sum(c => c >= '\u3000' ? 2 : 1);
}

using System.Text;
using Tigress.Cli.Commands;

namespace Tigress.Cli.Tests.Commands;

/// <summary>The temporary file beside the target never has a name too long for the file system.</summary>
public sealed class OutputFileTests
{
    [Theory]
    [InlineData("notes.txt")]
    [InlineData("a")]
    public void TemporaryName_ShortName_KeepsItWhole(string name)
    {
        var temporary = OutputFile.TemporaryName(name);

        Assert.StartsWith("." + name + ".", temporary, StringComparison.Ordinal);
        Assert.EndsWith(".tmp", temporary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", 255)]
    [InlineData("\u8ECA", 85)]
    [InlineData("\U0001F511", 63)]
    public void TemporaryName_LongestName_FitsIn255Bytes_WithoutHalfACharacter(string character, int count)
    {
        var name = string.Concat(Enumerable.Repeat(character, count));

        var temporary = OutputFile.TemporaryName(name);

        Assert.True(Encoding.UTF8.GetByteCount(temporary) <= 255, $"{Encoding.UTF8.GetByteCount(temporary)} bytes");
        Assert.Equal(temporary, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(temporary)));
        Assert.NotEqual(OutputFile.TemporaryName(name), temporary);
    }
}

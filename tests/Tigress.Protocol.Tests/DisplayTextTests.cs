using System.Text;

namespace Tigress.Protocol.Tests;

/// <summary>The one rule for text another party chose and a person sees (<see cref="DisplayText"/>).</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x0A)]
    [InlineData(0x0D)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x85)]
    [InlineData(0x9B)]
    [InlineData(0x00AD)]
    [InlineData(0x061C)]
    [InlineData(0x200B)]
    [InlineData(0x200C)]
    [InlineData(0x200D)]
    [InlineData(0x200E)]
    [InlineData(0x200F)]
    [InlineData(0x2028)]
    [InlineData(0x2029)]
    [InlineData(0x202A)]
    [InlineData(0x202B)]
    [InlineData(0x202C)]
    [InlineData(0x202D)]
    [InlineData(0x202E)]
    [InlineData(0x2060)]
    [InlineData(0x2066)]
    [InlineData(0x2067)]
    [InlineData(0x2068)]
    [InlineData(0x2069)]
    [InlineData(0xFEFF)]
    [InlineData(0xFFF9)]
    [InlineData(0xE0001)]
    [InlineData(0xE0041)]
    public void IsUnsafe_ControlFormatAndSeparatorCharacters_True(int value)
    {
        Assert.True(DisplayText.IsUnsafe(new Rune(value)));
        Assert.False(DisplayText.IsSafe(new Rune(value).ToString()));
    }

    [Theory]
    [InlineData("Car key")]
    [InlineData("Café über Straße")]
    [InlineData("Garage key \U0001F511")]
    [InlineData("\u0645\u0641\u062A\u0627\u062D")]
    [InlineData("\u8ECA\u306E\u9375")]
    [InlineData("e\u0301")]
    [InlineData("\u2764\uFE0F")]
    [InlineData("")]
    public void IsSafe_TextOfAnyScript_True(string text)
    {
        Assert.True(DisplayText.IsSafe(text));
        Assert.Equal(text, DisplayText.ToLine(text, 100));
    }

    // Code units, not strings: the test runner would turn an unpaired surrogate in a string argument into U+FFFD.
    [Theory]
    [InlineData(0xD800, false)]
    [InlineData(0xDC00, true)]
    [InlineData(0xDBFF, false)]
    public void IsSafe_UnpairedSurrogate_False_AndToLineShowsAReplacement(int unit, bool between)
    {
        var text = between ? $"a{(char)unit}b" : ((char)unit).ToString();

        Assert.False(DisplayText.IsSafe(text));
        Assert.Contains(DisplayText.Replacement, DisplayText.ToLine(text, 100)!);
    }

    [Fact]
    public void ToLine_RightToLeftOverrideInATitle_ShownAsReplacementsInReadingOrder()
    {
        var line = DisplayText.ToLine("Car key \u202egnp.exe\u202c", 200);

        Assert.Equal("Car key \uFFFDgnp.exe\uFFFD", line);
    }

    [Theory]
    [InlineData("\u202Edetelpmoc refsnart :EKAF")]
    [InlineData("real reason\rFAKE: transfer completed")]
    [InlineData("real reason\u001b[2K\u001b[1GFAKE: transfer completed")]
    [InlineData("\u2067FAKE: transfer completed\u2069")]
    public void ToLine_CancelReasonThatWouldDisplayAsSomethingElse_KeepsEveryCharacterInView(string reason)
    {
        var line = DisplayText.ToLine(reason, 500)!;

        Assert.True(DisplayText.IsSafe(line));
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u001b', line);
        Assert.NotEqual("FAKE: transfer completed", line);
    }

    [Fact]
    public void ToLine_WhiteSpaceRunsAndLineBreaks_OneSpaceAndTrimmed()
    {
        Assert.Equal("a b c d e", DisplayText.ToLine("  a \t\n b\r\n\r\nc\u2028d\u3000\u00A0 e \n", 100));
    }

    [Fact]
    public void ToLine_BlankLettersThatPassForSpaces_CollapsedLikeSpaces()
    {
        Assert.Equal("a b", DisplayText.ToLine("a\u3164\u3164\u3164\u2800\u115F b", 100));
    }

    [Fact]
    public void ToLine_LongerThanTheLimit_CutWithAnEllipsisWithinTheLimit()
    {
        var line = DisplayText.ToLine(new string('x', 50), 10);

        Assert.Equal("xxxxxxxxx\u2026", line);
    }

    [Fact]
    public void ToLine_CutNeverSplitsASurrogatePair()
    {
        var line = DisplayText.ToLine("abcdefgh\U0001F511\U0001F511\U0001F511", 10)!;

        Assert.True(DisplayText.IsSafe(line));
        Assert.Equal("abcdefgh\u2026", line);
    }

    [Fact]
    public void ToLine_Null_Null()
    {
        Assert.Null(DisplayText.ToLine(null, 10));
    }

    [Fact]
    public void ToLine_MaxLengthBelowOne_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DisplayText.ToLine("x", 0));

        Assert.Equal("maxLength", ex.ParamName);
    }

    [Fact]
    public void ReplaceUnsafe_KeepsSpacesAndLayout_ReplacesTheRest()
    {
        Assert.Equal("    indented \uFFFD[2J line one line two", DisplayText.ReplaceUnsafe("    indented \u001b[2J line one\nline two"));
        Assert.Same("plain", DisplayText.ReplaceUnsafe("plain"));
    }
}

using Tigress.Protocol.Pake;

namespace Tigress.Protocol.Tests.Pake;

public sealed class PinTests
{
    [Fact]
    public void Generate_Default_IsSevenAsciiDigits()
    {
        string pin = Pin.Generate();

        Assert.Equal(Pin.DefaultLength, pin.Length);
        Assert.Equal(7, pin.Length);
        Assert.All(pin, c => Assert.InRange(c, '0', '9'));
        Assert.True(Pin.IsValid(pin));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(32)]
    public void Generate_AllowedLength_HasThatManyDigits(int length)
    {
        string pin = Pin.Generate(length);

        Assert.Equal(length, pin.Length);
        Assert.All(pin, c => Assert.InRange(c, '0', '9'));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(33)]
    public void Generate_DisallowedLength_ThrowsArgumentOutOfRange(int length)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Pin.Generate(length));

        Assert.Equal("length", ex.ParamName);
    }

    [Fact]
    public void Generate_SpanShorterThanMinimum_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Pin.Generate(new char[5]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Generate_Span_FillsWithDigits()
    {
        char[] pin = new char[10];

        Pin.Generate(pin);

        Assert.All(pin, c => Assert.InRange(c, '0', '9'));
    }

    [Fact]
    public void Generate_ManyPins_UsesEveryDigitInEveryPosition()
    {
        var seen = new HashSet<char>[Pin.DefaultLength];
        for (int i = 0; i < seen.Length; i++)
        {
            seen[i] = [];
        }

        // 400 draws miss a given digit in a given position with probability 0.9^400, about 5e-19.
        for (int draw = 0; draw < 400; draw++)
        {
            string pin = Pin.Generate();
            for (int i = 0; i < pin.Length; i++)
            {
                seen[i].Add(pin[i]);
            }
        }

        Assert.All(seen, digits => Assert.Equal(10, digits.Count));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123456 ", "123456")]
    [InlineData("123 456", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12-34-56", "123456")]
    [InlineData("123\u00a0456", "123456")]
    [InlineData("123\u2013456", "123456")]
    [InlineData("\t123\n456\r\n", "123456")]
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666", "123456")]
    [InlineData("\uff11\uff12\uff13\uff14\uff15\uff16", "123456")]
    [InlineData("000000", "000000")]
    public void TryNormalize_TypedPin_ReturnsAsciiDigits(string input, string expected)
    {
        Assert.True(Pin.TryNormalize(input, 6, out string? pin));

        Assert.Equal(expected, pin);
        Assert.Equal(expected, Pin.Normalize(input, 6));
    }

    [Theory]
    [InlineData("")]
    [InlineData("      ")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("123.456")]
    [InlineData("123_456")]
    [InlineData("+123456")]
    [InlineData("12345\u00b2")]
    [InlineData("12345\u00bd")]
    [InlineData("\u2160\u2161\u2162\u2163\u2164\u2165")]
    [InlineData("123456789012345678901234567890123")]
    public void TryNormalize_NotASixDigitPin_ReturnsFalse(string input)
    {
        Assert.False(Pin.TryNormalize(input, 6, out string? pin));

        Assert.Null(pin);
        Assert.Throws<FormatException>(() => Pin.Normalize(input, 6));
    }

    [Fact]
    public void TryNormalize_Null_ReturnsFalse()
    {
        Assert.False(Pin.TryNormalize(null, 6, out string? pin));
        Assert.Null(pin);
    }

    [Theory]
    [InlineData("1234 5678", 8, "12345678")]
    [InlineData("12345678901234567890123456789012", 32, "12345678901234567890123456789012")]
    public void TryNormalize_LongerExpectedLength_Accepts(string input, int expectedLength, string expected)
    {
        Assert.True(Pin.TryNormalize(input, expectedLength, out string? pin));
        Assert.Equal(expected, pin);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(33)]
    public void TryNormalize_DisallowedExpectedLength_ThrowsArgumentOutOfRange(int expectedLength)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Pin.TryNormalize("123456", expectedLength, out _));

        Assert.Equal("expectedLength", ex.ParamName);
    }

    [Fact]
    public void TryNormalize_Span_WritesDigitsAndCount()
    {
        char[] destination = new char[Pin.MaximumLength];

        Assert.True(Pin.TryNormalize("12 34 56 78", destination, out int written));

        Assert.Equal(8, written);
        Assert.Equal("12345678", new string(destination, 0, written));
    }

    [Fact]
    public void TryNormalize_SpanTooShort_ReturnsFalseAndClears()
    {
        char[] destination = new char[6];

        Assert.False(Pin.TryNormalize("1234567", destination, out int written));

        Assert.Equal(0, written);
        Assert.All(destination, c => Assert.Equal('\0', c));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("12345678901234567890123456789012", true)]
    [InlineData("12345", false)]
    [InlineData("123 456", false)]
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666", false)]
    [InlineData("123456789012345678901234567890123", false)]
    public void IsValid_Input_AcceptsOnlyNormalForm(string pin, bool expected)
    {
        Assert.Equal(expected, Pin.IsValid(pin));
    }

    [Fact]
    public void Normalize_Null_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Pin.Normalize(null!));

        Assert.Equal("input", ex.ParamName);
    }
}

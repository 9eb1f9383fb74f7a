using Tigress.Protocol.Wire;

namespace Tigress.Protocol.Tests.Wire;

public sealed class PreferWaitTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(-1000, null)]
    [InlineData(1, "wait=1")]
    [InlineData(200, "wait=1")]
    [InlineData(1000, "wait=1")]
    [InlineData(1001, "wait=2")]
    [InlineData(1500, "wait=2")]
    [InlineData(59_999, "wait=60")]
    public void Format_RoundsUpToWholeSeconds(int milliseconds, string? expected) =>
        Assert.Equal(expected, PreferWait.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void ToSeconds_HugeWait_DoesNotOverflow() =>
        Assert.Equal(int.MaxValue, PreferWait.ToSeconds(TimeSpan.MaxValue));

    [Theory]
    [InlineData("wait=5", 5)]
    [InlineData("WAIT = 5", 5)]
    [InlineData("respond-async, wait=\"7\"", 7)]
    [InlineData("wait=5; foo=bar", 5)]
    [InlineData("wait=500", 60)]
    [InlineData("wait=-1", 0)]
    [InlineData("wait=soon", 0)]
    [InlineData("handling=lenient", 0)]
    public void Parse_ReadsRfc7240Wait_CappedAtMaximum(string header, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PreferWait.Parse([header], TimeSpan.FromSeconds(60)));

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(30_000)]
    public void FormatThenParse_GivesTheRoundedWait(int milliseconds)
    {
        var wait = TimeSpan.FromMilliseconds(milliseconds);

        var parsed = PreferWait.Parse([PreferWait.Format(wait)], TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(PreferWait.ToSeconds(wait)), parsed);
        Assert.True(parsed >= wait);
    }
}

using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Wire;

namespace Tigress.Protocol.Tests.Wire;

public sealed class DropboxLocationTests
{
    [Fact]
    public void IsValid_LocationFromKeySchedule_IsAccepted()
    {
        var location = Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(DropboxLocation.Length, location.Length);
        Assert.Equal(KeySchedule.LocationLength, DropboxLocation.Length);
        Assert.True(DropboxLocation.IsValid(location));
        Assert.True(DropboxLocation.IsValid(new string('-', 42) + "_"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    public void IsValid_WrongLengthOrAlphabet_IsRefused(string? location) =>
        Assert.False(DropboxLocation.IsValid(location));
}

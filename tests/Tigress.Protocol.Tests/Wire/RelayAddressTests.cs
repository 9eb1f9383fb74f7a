using Tigress.Protocol.Wire;

namespace Tigress.Protocol.Tests.Wire;

public sealed class RelayAddressTests
{
    [Theory]
    [InlineData("https://relay.example/")]
    [InlineData("https://relay.example:8443/tigress/")]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000/")]
    public void TryParse_RelayAddress_IsAccepted(string text)
    {
        Assert.True(RelayAddress.TryParse(text, out var address, out var error));
        Assert.Equal(RelayAddressError.None, error);
        Assert.Equal(new Uri(text), address.Uri);
    }

    [Theory]
    [InlineData(null, RelayAddressError.NotAbsolute)]
    [InlineData("relay.example", RelayAddressError.NotAbsolute)]
    [InlineData("/v1/m", RelayAddressError.NotAbsolute)]
    [InlineData("http://relay.example/", RelayAddressError.InsecureScheme)]
    [InlineData("ftp://relay.example/", RelayAddressError.InsecureScheme)]
    [InlineData("https://user:secret@relay.example/", RelayAddressError.UserInformation)]
    [InlineData("https://relay.example/?a=b", RelayAddressError.QueryOrFragment)]
    [InlineData("https://relay.example/#x", RelayAddressError.QueryOrFragment)]
    public void TryParse_NotARelayAddress_SaysWhy(string? text, RelayAddressError expected)
    {
        Assert.False(RelayAddress.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Describe_EveryError_NamesTheSubjectInItsOwnWords()
    {
        RelayAddressError[] errors = [RelayAddressError.NotAbsolute, RelayAddressError.InsecureScheme, RelayAddressError.UserInformation, RelayAddressError.QueryOrFragment];

        var sentences = errors.Select(e => RelayAddress.Describe(e, "--relay")).ToArray();

        Assert.All(sentences, s => Assert.StartsWith("--relay must", s, StringComparison.Ordinal));
        Assert.Equal(errors.Length, sentences.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => RelayAddress.Describe(RelayAddressError.None, "--relay"));
    }

    [Fact]
    public void Create_Invalid_ThrowsArgumentExceptionNamingParameter()
    {
        var uri = new Uri("https://user@relay.example/");

        var error = Assert.Throws<ArgumentException>(() => RelayAddress.Create(uri, "The relay address", "relayUri"));

        Assert.Equal("relayUri", error.ParamName);
        Assert.Contains("user information", error.Message, StringComparison.Ordinal);
    }
}

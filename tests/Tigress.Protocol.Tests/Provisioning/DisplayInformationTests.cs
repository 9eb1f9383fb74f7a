using System.Text.Json;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Tests.Provisioning;

public sealed class DisplayInformationTests
{
    [Fact]
    public void Json_RoundTrip_UsesWireNames()
    {
        var value = new DisplayInformation("Title", "Description", new Uri("https://img.example/a.png"));

        var json = JsonSerializer.Serialize(value);
        var back = JsonSerializer.Deserialize<DisplayInformation>(json);

        Assert.Equal("""{"title":"Title","description":"Description","imageURL":"https://img.example/a.png"}""", json);
        Assert.Equal(value, back);
    }

    [Fact]
    public void Equals_ImageUrlThatOnlyDiffersInNormalisation_IsEqual()
    {
        var a = new DisplayInformation("T", "D", new Uri("https://IMG.example/a.png"));
        var b = DisplayInformation.FromJson(JsonDocument.Parse("""{"title":"T","description":"D","imageURL":"https://img.example:443/a.png"}""").RootElement);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("T2", "D", "https://img.example/a.png")]
    [InlineData("T", "d", "https://img.example/a.png")]
    [InlineData("T", "D", "https://img.example/b.png")]
    [InlineData("T", "D", "https://evil.example/a.png")]
    public void Equals_AnyFieldChanged_IsNotEqual(string title, string description, string image)
    {
        var a = new DisplayInformation("T", "D", new Uri("https://img.example/a.png"));

        Assert.NotEqual(a, new DisplayInformation(title, description, new Uri(image)));
    }

    [Fact]
    public void Constructor_HttpImage_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => new DisplayInformation("T", "D", new Uri("http://img.example/a.png")));

        Assert.Equal("imageUrl", exception.ParamName);
    }

    [Fact]
    public void Constructor_NullTitle_ThrowsArgumentNull()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new DisplayInformation(null!, "D", new Uri("https://img.example/a.png")));

        Assert.Equal("title", exception.ParamName);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"title":"T","description":"D"}""")]
    [InlineData("""{"title":1,"description":"D","imageURL":"https://a.example/"}""")]
    [InlineData("""{"title":"T","description":"D","imageURL":"/relative.png"}""")]
    [InlineData("""{"title":"T","description":"D","imageURL":"javascript:alert(1)"}""")]
    public void FromJson_Invalid_ThrowsMalformedDisplayInformation(string json)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => DisplayInformation.FromJson(JsonDocument.Parse(json).RootElement));

        Assert.Equal(ProtocolErrorCodes.MalformedDisplayInformation, exception.ErrorCode);
    }
}

using System.Text;
using System.Text.Json;
using Tigress.Protocol.Provisioning;

namespace Tigress.Protocol.Tests.Provisioning;

public sealed class ProvisioningInformationTests
{
    private static readonly DisplayInformation s_display = new("Car key", "Alice shares her car", new Uri("https://img.example/car.png"));

    [Fact]
    public void ToUtf8Json_ThenParse_RoundTrips()
    {
        var content = JsonDocument.Parse("""{"token":"abc","n":[1,2]}""").RootElement;
        var value = new ProvisioningInformation("digitalwallet.generic.authorizationToken", content, s_display);

        var parsed = ProvisioningInformation.Parse(value.ToUtf8Json());

        Assert.Equal("digitalwallet.generic.authorizationToken", parsed.Format);
        Assert.Equal("abc", parsed.Content.GetProperty("token").GetString());
        Assert.Equal(s_display, parsed.DisplayInformation);
        Assert.Empty(parsed.AdditionalProperties);
    }

    [Fact]
    public void Parse_ExtraTopLevelKeys_AreToleratedAndWrittenBack()
    {
        var json = """{"format":"f","content":{},"x-vendor":{"a":1},"version":2}"""u8;

        var parsed = ProvisioningInformation.Parse(json);
        var again = ProvisioningInformation.Parse(parsed.ToUtf8Json());

        Assert.Equal(2, again.AdditionalProperties.Count);
        Assert.Equal(1, again.AdditionalProperties["x-vendor"].GetProperty("a").GetInt32());
        Assert.Equal(2, again.AdditionalProperties["version"].GetInt32());
        Assert.Null(again.DisplayInformation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("""{"content":{}}""")]
    [InlineData("""{"format":"f"}""")]
    [InlineData("""{"format":"","content":{}}""")]
    [InlineData("""{"format":7,"content":{}}""")]
    [InlineData("""{"format":"f","content":"text"}""")]
    [InlineData("""{"format":"f","content":[]}""")]
    [InlineData("""{"format":"f","format":"g","content":{}}""")]
    [InlineData("""{"format":"f","content":{}} trailing""")]
    public void Parse_NotTheEnvelope_ThrowsMalformed(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var exception = Assert.Throws<TigressProtocolException>(() => ProvisioningInformation.Parse(bytes));

        Assert.Equal(ProtocolErrorCodes.MalformedProvisioningInformation, exception.ErrorCode);
        Assert.False(ProvisioningInformation.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData("""{"format":"f","content":{},"displayInformation":"x"}""")]
    [InlineData("""{"format":"f","content":{},"displayInformation":{"title":"t","description":"d"}}""")]
    [InlineData("""{"format":"f","content":{},"displayInformation":{"title":"t","description":"d","imageURL":"http://img.example/a.png"}}""")]
    public void Parse_BadDisplayInformation_ThrowsMalformedDisplayInformation(string json)
    {
        var exception = Assert.Throws<TigressProtocolException>(() => ProvisioningInformation.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(ProtocolErrorCodes.MalformedDisplayInformation, exception.ErrorCode);
    }

    [Fact]
    public void Constructor_ContentNotObject_ThrowsArgumentException()
    {
        var content = JsonDocument.Parse("[1]").RootElement;

        var exception = Assert.Throws<ArgumentException>(() => new ProvisioningInformation("f", content));

        Assert.Equal("content", exception.ParamName);
    }

    [Fact]
    public void Constructor_ReservedAdditionalKey_ThrowsArgumentException()
    {
        var content = JsonDocument.Parse("{}").RootElement;
        var extra = new Dictionary<string, JsonElement> { ["format"] = content };

        var exception = Assert.Throws<ArgumentException>(() => new ProvisioningInformation("f", content, null, extra));

        Assert.Equal("additionalProperties", exception.ParamName);
    }

    [Fact]
    public void Constructor_EmptyFormat_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ProvisioningInformation("", JsonDocument.Parse("{}").RootElement));

        Assert.Equal("format", exception.ParamName);
    }

    [Fact]
    public void Constructor_ContentOutlivesItsDocument()
    {
        ProvisioningInformation value;
        using (var document = JsonDocument.Parse("""{"k":"v"}"""))
        {
            value = new ProvisioningInformation("f", document.RootElement);
        }

        Assert.Equal("v", value.Content.GetProperty("k").GetString());
    }

    [Fact]
    public void WithDisplayInformation_KeepsEverythingElse()
    {
        var parsed = ProvisioningInformation.Parse("""{"format":"f","content":{"a":1},"x":true}"""u8);

        var with = parsed.WithDisplayInformation(s_display);

        Assert.Equal(s_display, with.DisplayInformation);
        Assert.Equal(1, with.Content.GetProperty("a").GetInt32());
        Assert.True(with.AdditionalProperties["x"].GetBoolean());
    }

    [Fact]
    public void ToString_DoesNotRevealContent()
    {
        var value = ProvisioningInformation.Parse("""{"format":"f","content":{"secret":"hunter2"}}"""u8);

        Assert.DoesNotContain("hunter2", value.ToString(), StringComparison.Ordinal);
    }
}

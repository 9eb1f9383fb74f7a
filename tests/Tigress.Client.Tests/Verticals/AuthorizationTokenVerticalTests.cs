using System.Text.Json;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Client.Verticals.AuthorizationToken;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Tests.Verticals;

public sealed class AuthorizationTokenVerticalTests
{
    private readonly AuthorizationTokenVertical _vertical = new();

    [Fact]
    public async Task BeginThenHandle_BinaryContent_RoundTrips()
    {
        byte[] content = [0, 1, 2, 255, 254];

        var begin = await _vertical.BeginAsync(new VerticalContext(TransferRole.Initiator, null, TimeProvider.System), content, default);
        var done = await _vertical.HandleAsync(new VerticalContext(TransferRole.Recipient, null, TimeProvider.System), begin.Message!, default);

        Assert.Equal(AuthorizationTokenVertical.FormatName, begin.Message!.Format);
        Assert.True(begin.IsComplete);
        Assert.True(done.IsComplete);
        Assert.Equal(content, done.Result);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"token\":5}")]
    [InlineData("{\"token\":\"not base64!\"}")]
    public async Task Handle_MalformedContent_IsProtocolViolation(string content)
    {
        var message = new ProvisioningInformation(AuthorizationTokenVertical.FormatName, JsonDocument.Parse(content).RootElement);

        var exception = await Assert.ThrowsAsync<TransferException>(
            () => _vertical.HandleAsync(new VerticalContext(TransferRole.Recipient, null, TimeProvider.System), message, default).AsTask());

        Assert.Equal(TransferError.ProtocolViolation, exception.Error);
    }

    [Fact]
    public async Task Begin_WithoutFileName_WritesTheTokenAlone()
    {
        var begin = await _vertical.BeginAsync(new VerticalContext(TransferRole.Initiator, null, TimeProvider.System), "hi"u8.ToArray(), default);

        Assert.Equal("{\"token\":\"aGk=\"}", begin.Message!.Content.GetRawText());
        Assert.Null(AuthorizationTokenVertical.ReadFileName(begin.Message));
    }

    [Fact]
    public async Task Begin_WithFileName_SendsTheBaseNameAndAnyRecipientReadsTheToken()
    {
        var sender = new AuthorizationTokenVertical("/home/alice/keys/garage.txt");

        var begin = await sender.BeginAsync(new VerticalContext(TransferRole.Initiator, null, TimeProvider.System), "hi"u8.ToArray(), default);
        var done = await _vertical.HandleAsync(new VerticalContext(TransferRole.Recipient, null, TimeProvider.System), begin.Message!, default);

        Assert.Equal("garage.txt", sender.FileName);
        Assert.Equal("{\"token\":\"aGk=\",\"name\":\"garage.txt\"}", begin.Message!.Content.GetRawText());
        Assert.Equal("garage.txt", AuthorizationTokenVertical.ReadFileName(begin.Message));
        Assert.Equal("hi"u8.ToArray(), done.Result);
    }

    [Theory]
    [InlineData("{\"token\":\"aGk=\",\"name\":\"../../.bashrc\"}", "../../.bashrc")]
    [InlineData("{\"token\":\"aGk=\",\"name\":5}", null)]
    [InlineData("{\"token\":\"aGk=\"}", null)]
    public void ReadFileName_GivesWhatTheSenderWroteUnchecked(string content, string? expected)
    {
        var message = new ProvisioningInformation(AuthorizationTokenVertical.FormatName, JsonDocument.Parse(content).RootElement);

        Assert.Equal(expected, AuthorizationTokenVertical.ReadFileName(message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("folder/")]
    public void Constructor_NoFileNameLeft_Throws(string fileName)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new AuthorizationTokenVertical(fileName));

        Assert.Equal("fileName", exception.ParamName);
    }
}

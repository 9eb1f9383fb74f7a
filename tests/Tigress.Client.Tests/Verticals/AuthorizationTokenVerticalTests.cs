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
}

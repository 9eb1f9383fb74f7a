using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tigress.Client.Transfers;
using Tigress.Client.Verticals;
using Tigress.Client.Verticals.CarKey;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Tests.Verticals;

/// <summary>The car key flow driven directly, both sides in one test, so each check can be attacked in isolation.</summary>
public sealed class CarKeyVerticalTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CarKeyVertical _vertical = new();

    [Fact]
    public async Task Flow_Honest_ProvisionsVerifiedKey()
    {
        var (request, ownerState) = await BeginAsync("VIN-1");
        var (signing, friendState) = await AnswerAsync(request);
        var import = await ImportAsync(signing, ownerState);

        var done = await _vertical.HandleAsync(Context(TransferRole.Recipient, friendState), import.Message!, default);

        Assert.True(import.IsComplete);
        Assert.True(done.IsComplete);
        Assert.Null(done.Message);
        var key = JsonDocument.Parse(done.Result!).RootElement;
        Assert.Equal("VIN-1", key.GetProperty("vehicleId").GetString());
        Assert.Equal(["unlock", "lock", "drive"], key.GetProperty("entitlements").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(_time.GetUtcNow().AddDays(7), key.GetProperty("notAfter").GetDateTimeOffset());
    }

    [Fact]
    public async Task Begin_JsonOffer_IsTakenAsIs()
    {
        var offer = new CarKeyOffer
        {
            VehicleId = "VIN-2",
            Entitlements = ["unlock"],
            NotBefore = _time.GetUtcNow(),
            NotAfter = _time.GetUtcNow().AddHours(3),
        };

        var step = await _vertical.BeginAsync(Context(TransferRole.Initiator, null), offer.ToContent(), default);

        var content = step.Message!.Content;
        Assert.Equal("KeyCreationRequest", content.GetProperty("messageType").GetString());
        Assert.Equal(["unlock"], content.GetProperty("entitlements").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(offer.NotAfter, content.GetProperty("notAfter").GetDateTimeOffset());
        Assert.False(step.State!.Value.GetProperty("ownerPrivateKey").GetBytesFromBase64().Length == 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"vehicleId\":\"\"}")]
    [InlineData("{\"vehicleId\":\"V\",\"notBefore\":\"2030-01-02T00:00:00Z\",\"notAfter\":\"2030-01-01T00:00:00Z\"}")]
    [InlineData("{not json")]
    public async Task Begin_BadOffer_ThrowsArgumentException(string content)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => _vertical.BeginAsync(Context(TransferRole.Initiator, null), Encoding.UTF8.GetBytes(content), default).AsTask());

        Assert.Equal("content", exception.ParamName);
    }

    [Fact]
    public async Task Friend_ExpiredOffer_IsRefused()
    {
        var (request, _) = await BeginAsync("VIN-3");
        _time.Advance(TimeSpan.FromDays(8));

        var exception = await Assert.ThrowsAsync<TransferException>(
            () => _vertical.HandleAsync(Context(TransferRole.Recipient, null), request, default).AsTask());

        Assert.Equal(TransferError.VerificationFailed, exception.Error);
    }

    [Fact]
    public async Task Owner_ProofOfPossessionFromAnotherKey_IsRefused()
    {
        var (request, ownerState) = await BeginAsync("VIN-4");
        var (signing, _) = await AnswerAsync(request);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Rewrite(signing, content => content["devicePublicKey"] = Convert.ToBase64String(other.ExportSubjectPublicKeyInfo()));

        var exception = await Assert.ThrowsAsync<TransferException>(
            () => _vertical.HandleAsync(Context(TransferRole.Initiator, ownerState), forged, default).AsTask());

        Assert.Equal(TransferError.VerificationFailed, exception.Error);
    }

    [Fact]
    public async Task Friend_CertificateWithFlippedSignatureBit_IsRefused()
    {
        var (request, ownerState) = await BeginAsync("VIN-5");
        var (signing, friendState) = await AnswerAsync(request);
        var import = await ImportAsync(signing, ownerState);
        var tampered = Rewrite(import.Message!, content =>
        {
            var signature = Convert.FromBase64String(content["signature"]!.GetValue<string>());
            signature[5] ^= 1;
            content["signature"] = Convert.ToBase64String(signature);
        });

        var exception = await Assert.ThrowsAsync<TransferException>(
            () => _vertical.HandleAsync(Context(TransferRole.Recipient, friendState), tampered, default).AsTask());

        Assert.Equal(TransferError.VerificationFailed, exception.Error);
    }

    [Fact]
    public async Task Friend_CertificateSignedByAnotherOwnerWithMoreRights_IsRefused()
    {
        var (request, _) = await BeginAsync("VIN-6");
        var (_, friendState) = await AnswerAsync(request);

        // A different owner (not the one named in the offer) signs a certificate granting more.
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var offered = request.Content;
        var certificate = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["version"] = 1,
            ["keyId"] = offered.GetProperty("keyId").GetString(),
            ["vehicleId"] = "VIN-6",
            ["entitlements"] = new JsonArray("unlock", "lock", "drive", "valet"),
            ["notBefore"] = offered.GetProperty("notBefore").GetString(),
            ["notAfter"] = offered.GetProperty("notAfter").GetString(),
            ["devicePublicKey"] = friendState.GetProperty("devicePublicKey").GetString(),
            ["ownerPublicKey"] = Convert.ToBase64String(impostor.ExportSubjectPublicKeyInfo()),
        });
        var statement = Encoding.UTF8.GetBytes("tigress-carkey-demo/1 certificate\n").Concat(certificate).ToArray();
        var import = Message(new JsonObject
        {
            ["messageType"] = "KeyImportRequest",
            ["keyId"] = offered.GetProperty("keyId").GetString(),
            ["certificate"] = Convert.ToBase64String(certificate),
            ["signature"] = Convert.ToBase64String(impostor.SignData(statement, HashAlgorithmName.SHA256)),
        });

        var exception = await Assert.ThrowsAsync<TransferException>(
            () => _vertical.HandleAsync(Context(TransferRole.Recipient, friendState), import, default).AsTask());

        Assert.Equal(TransferError.VerificationFailed, exception.Error);
    }

    [Fact]
    public async Task Owner_WithLongTermKey_SignsWithIt()
    {
        using var ownerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vertical = new CarKeyVertical(ownerKey);
        var begin = await vertical.BeginAsync(Context(TransferRole.Initiator, null), "VIN-7"u8.ToArray(), default);

        Assert.Equal(ownerKey.ExportSubjectPublicKeyInfo(), begin.Message!.Content.GetProperty("ownerPublicKey").GetBytesFromBase64());
        Assert.False(begin.State!.Value.TryGetProperty("ownerPrivateKey", out _));
    }

    [Fact]
    public async Task Handle_MessageOutOfTurn_IsProtocolViolation()
    {
        var (request, ownerState) = await BeginAsync("VIN-8");

        var exception = await Assert.ThrowsAsync<TransferException>(
            () => _vertical.HandleAsync(Context(TransferRole.Initiator, ownerState), request, default).AsTask());

        Assert.Equal(TransferError.ProtocolViolation, exception.Error);
    }

    private async Task<(ProvisioningInformation Request, JsonElement OwnerState)> BeginAsync(string vehicle)
    {
        var step = await _vertical.BeginAsync(Context(TransferRole.Initiator, null), Encoding.UTF8.GetBytes(vehicle), default);
        return (step.Message!, step.State!.Value);
    }

    private async Task<(ProvisioningInformation Signing, JsonElement FriendState)> AnswerAsync(ProvisioningInformation request)
    {
        var step = await _vertical.HandleAsync(Context(TransferRole.Recipient, null), request, default);
        return (step.Message!, step.State!.Value);
    }

    private async Task<VerticalStep> ImportAsync(ProvisioningInformation signing, JsonElement ownerState) =>
        await _vertical.HandleAsync(Context(TransferRole.Initiator, ownerState), signing, default);

    private VerticalContext Context(TransferRole role, JsonElement? state) => new(role, state, _time);

    private static ProvisioningInformation Rewrite(ProvisioningInformation message, Action<JsonObject> change)
    {
        var content = JsonNode.Parse(message.Content.GetRawText())!.AsObject();
        change(content);
        return Message(content);
    }

    private static ProvisioningInformation Message(JsonObject content) =>
        new(CarKeyVertical.FormatName, JsonDocument.Parse(content.ToJsonString()).RootElement);
}

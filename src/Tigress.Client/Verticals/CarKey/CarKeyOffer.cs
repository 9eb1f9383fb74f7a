using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Client.Verticals.CarKey;

/// <summary>
/// What a car owner offers: the vehicle, the entitlements and the validity window of the key to be created. Pass
/// <see cref="ToContent"/> as <see cref="Transfers.ShareRequest.Content"/>; plain text naming the vehicle also works.
/// </summary>
public sealed class CarKeyOffer
{
    /// <summary>The vehicle's identifier, such as its VIN.</summary>
    [JsonPropertyName("vehicleId")]
    public required string VehicleId { get; init; }

    /// <summary>What the key may do.</summary>
    /// <remarks>Defaults to <c>unlock</c>, <c>lock</c> and <c>drive</c>.</remarks>
    [JsonPropertyName("entitlements")]
    public IReadOnlyList<string>? Entitlements { get; init; }

    /// <summary>When the key becomes valid.</summary>
    /// <remarks>Defaults to the moment the share is created.</remarks>
    [JsonPropertyName("notBefore")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>When the key stops being valid.</summary>
    /// <remarks>Defaults to seven days after <see cref="NotBefore"/>.</remarks>
    [JsonPropertyName("notAfter")]
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The offer as the UTF-8 JSON content a share carries into <see cref="CarKeyVertical.BeginAsync"/>.</summary>
    public ReadOnlyMemory<byte> ToContent() => JsonSerializer.SerializeToUtf8Bytes(this, CarKeyJsonContext.Default.CarKeyOffer);
}

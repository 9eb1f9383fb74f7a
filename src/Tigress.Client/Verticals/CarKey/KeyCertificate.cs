namespace Tigress.Client.Verticals.CarKey;

/// <summary>What the owner signs: this device key may do these things to this vehicle in this window.</summary>
internal sealed class KeyCertificate
{
    public required int Version { get; init; }

    public required string KeyId { get; init; }

    public required string VehicleId { get; init; }

    public required IReadOnlyList<string> Entitlements { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required byte[] DevicePublicKey { get; init; }

    public required byte[] OwnerPublicKey { get; init; }
}

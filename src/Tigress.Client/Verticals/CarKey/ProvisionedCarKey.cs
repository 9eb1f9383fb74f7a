namespace Tigress.Client.Verticals.CarKey;

/// <summary>The recipient's result: the verified key with its private half, as a JSON document.</summary>
internal sealed class ProvisionedCarKey
{
    public required string Format { get; init; }

    public required string KeyId { get; init; }

    public required string VehicleId { get; init; }

    public required IReadOnlyList<string> Entitlements { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required byte[] DevicePublicKey { get; init; }

    /// <summary>PKCS#8 DER. On a phone this would never leave the secure element; the demonstration hands it over.</summary>
    public required byte[] DevicePrivateKey { get; init; }

    public required byte[] OwnerPublicKey { get; init; }

    public required byte[] Certificate { get; init; }

    public required byte[] Signature { get; init; }

    public required bool SignatureVerified { get; init; }
}

namespace Tigress.Client.Verticals.CarKey;

/// <summary>Message 1, owner to friend: the key the owner is willing to sign, and the owner's public key.</summary>
internal sealed class KeyCreationRequest
{
    public const string Type = "KeyCreationRequest";

    public required string MessageType { get; init; }

    public required string KeyId { get; init; }

    public required string VehicleId { get; init; }

    public required IReadOnlyList<string> Entitlements { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The owner's ECDSA P-256 public key, SubjectPublicKeyInfo DER, base64.</summary>
    public required byte[] OwnerPublicKey { get; init; }
}

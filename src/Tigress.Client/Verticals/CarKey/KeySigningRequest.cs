namespace Tigress.Client.Verticals.CarKey;

/// <summary>Message 2, friend to owner: the device's new public key and proof that it holds the private half.</summary>
internal sealed class KeySigningRequest
{
    public const string Type = "KeySigningRequest";

    public required string MessageType { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The device's ECDSA P-256 public key, SubjectPublicKeyInfo DER, base64.</summary>
    public required byte[] DevicePublicKey { get; init; }

    /// <summary>The device key's signature over the proof-of-possession statement for <see cref="KeyId"/>.</summary>
    public required byte[] ProofOfPossession { get; init; }
}

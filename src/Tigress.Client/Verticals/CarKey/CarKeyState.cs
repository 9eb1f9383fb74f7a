namespace Tigress.Client.Verticals.CarKey;

/// <summary>What either side of the car key flow keeps between messages (stored with the transfer state).</summary>
internal sealed class CarKeyState
{
    /// <summary>The request this transfer is about (sent by the owner, answered by the friend).</summary>
    public required KeyCreationRequest Request { get; init; }

    /// <summary>Owner: the owner key, PKCS#8, when the vertical generated it for this share.</summary>
    public byte[]? OwnerPrivateKey { get; init; }

    /// <summary>Friend: the device key generated for this share, PKCS#8.</summary>
    public byte[]? DevicePrivateKey { get; init; }

    /// <summary>Friend: the device public key sent in the signing request, to compare with the certificate.</summary>
    public byte[]? DevicePublicKey { get; init; }
}

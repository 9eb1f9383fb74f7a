namespace Tigress.Client.Verticals.CarKey;

/// <summary>Message 3, owner to friend: the signed key certificate to import.</summary>
internal sealed class KeyImportRequest
{
    public const string Type = "KeyImportRequest";

    public required string MessageType { get; init; }

    public required string KeyId { get; init; }

    /// <summary>The exact UTF-8 JSON bytes of the <see cref="KeyCertificate"/> that was signed.</summary>
    public required byte[] Certificate { get; init; }

    /// <summary>The owner key's signature over the certificate statement (IEEE P1363, SHA-256).</summary>
    public required byte[] Signature { get; init; }
}

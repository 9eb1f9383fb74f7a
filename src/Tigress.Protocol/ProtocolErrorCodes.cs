namespace Tigress.Protocol;

/// <summary>
/// The stable codes carried by <see cref="TigressProtocolException.ErrorCode"/>, grouped by the part of the
/// protocol that raises them. Codes never change meaning once published.
/// </summary>
public static class ProtocolErrorCodes
{
    // Share URL and invitation parsing.

    /// <summary>The share URL or invitation is not a well-formed absolute URL of the expected shape.</summary>
    public const string MalformedUrl = "malformed-url";

    /// <summary>The secret in the URL fragment is missing, not base64, or of the wrong length.</summary>
    public const string InvalidSecret = "invalid-secret";

    // Sealed messages.

    /// <summary>A payload or message is not of the expected encoding or size.</summary>
    public const string MalformedMessage = "malformed-message";

    /// <summary>A payload names a cipher this implementation does not offer.</summary>
    public const string UnsupportedAlgorithm = "unsupported-algorithm";

    /// <summary>A peer's message failed authentication, or came out of order.</summary>
    public const string DecryptionFailed = "decryption-failed";

    // Provisioning information.

    /// <summary>The decrypted provisioning information is not the expected JSON envelope.</summary>
    public const string MalformedProvisioningInformation = "malformed-provisioning-information";

    /// <summary>A display information object (title, description, image URL) is missing a field or has an invalid one.</summary>
    public const string MalformedDisplayInformation = "malformed-display-information";
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary><c>mailboxConfiguration</c>: the recipient's access rights and the requested expiry (docs/protocol.md section 7.3).</summary>
public sealed class MailboxConfigurationMessage
{
    /// <summary>The recipient's rights as letters (<see cref="AccessRightLetters"/>).</summary>
    [JsonPropertyName("accessRights")]
    public string? AccessRights { get; set; }

    /// <summary>The requested expiry, RFC 3339 with a time zone.</summary>
    [JsonPropertyName("expiration")]
    public string? Expiration { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary><c>mailboxConfiguration</c>: the recipient's access rights and the requested expiry.</summary>
internal sealed class MailboxConfigurationMessage
{
    [JsonPropertyName("accessRights")]
    public string? AccessRights { get; set; }

    [JsonPropertyName("expiration")]
    public string? Expiration { get; set; }
}

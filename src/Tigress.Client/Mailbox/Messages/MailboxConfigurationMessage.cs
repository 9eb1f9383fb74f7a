using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>A <c>mailboxConfiguration</c> object: the recipient's rights and the requested expiry.</summary>
internal sealed class MailboxConfigurationMessage
{
    [JsonPropertyName("accessRights")]
    public string? AccessRights { get; init; }

    [JsonPropertyName("expiration")]
    public string? Expiration { get; init; }
}

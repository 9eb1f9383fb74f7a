using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary>The optional body of ReadSecureContentFromMailbox (<c>POST /v1/m/{id}</c>).</summary>
internal sealed class ReadMailboxRequest
{
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }
}

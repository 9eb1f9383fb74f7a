using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>The optional body of <c>POST /v1/m/{id}</c>.</summary>
internal sealed class ReadMailboxRequestMessage
{
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; init; }
}

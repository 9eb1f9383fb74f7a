using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary>The body of UpdateMailbox (<c>PUT /v1/m/{id}</c>); every member is optional.</summary>
internal sealed class UpdateMailboxRequest
{
    [JsonPropertyName("payload")]
    public PayloadMessage? Payload { get; set; }

    [JsonPropertyName("displayInformation")]
    public DisplayInformationMessage? DisplayInformation { get; set; }

    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }

    [JsonPropertyName("mailboxConfiguration")]
    public MailboxConfigurationMessage? MailboxConfiguration { get; set; }
}

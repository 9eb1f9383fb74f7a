using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary>The body of CreateMailbox (<c>POST /v1/m</c>).</summary>
internal sealed class CreateMailboxRequest
{
    [JsonPropertyName("displayInformation")]
    public DisplayInformationMessage? DisplayInformation { get; set; }

    [JsonPropertyName("payload")]
    public PayloadMessage? Payload { get; set; }

    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }

    [JsonPropertyName("mailboxConfiguration")]
    public MailboxConfigurationMessage? MailboxConfiguration { get; set; }
}

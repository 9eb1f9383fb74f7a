using System.Text.Json.Serialization;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>The body of <c>POST /v1/m</c>.</summary>
internal sealed class CreateMailboxRequestMessage
{
    [JsonPropertyName("displayInformation")]
    public required DisplayInformation DisplayInformation { get; init; }

    [JsonPropertyName("payload")]
    public required SecurePayload Payload { get; init; }

    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; init; }

    [JsonPropertyName("mailboxConfiguration")]
    public MailboxConfigurationMessage? MailboxConfiguration { get; init; }
}

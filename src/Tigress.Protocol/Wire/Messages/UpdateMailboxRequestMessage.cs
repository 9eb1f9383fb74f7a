using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The body of UpdateMailbox, <c>PUT /v1/m/{id}</c> (docs/protocol.md section 7.8); every member is optional,
/// at least one is required.</summary>
public sealed class UpdateMailboxRequestMessage
{
    /// <summary>A new message for the other side.</summary>
    [JsonPropertyName("payload")]
    public PayloadMessage? Payload { get; set; }

    /// <summary>New display information (initiator only).</summary>
    [JsonPropertyName("displayInformation")]
    public DisplayInformationMessage? DisplayInformation { get; set; }

    /// <summary>The writer's new push token.</summary>
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }

    /// <summary>New rights or expiry (initiator only).</summary>
    [JsonPropertyName("mailboxConfiguration")]
    public MailboxConfigurationMessage? MailboxConfiguration { get; set; }
}

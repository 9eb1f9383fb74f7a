using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The body of CreateMailbox, <c>POST /v1/m</c> (docs/protocol.md section 7.3). Every member is nullable so a
/// reader can say which one is missing; the relay requires <c>displayInformation</c> and <c>payload</c>.</summary>
public sealed class CreateMailboxRequestMessage
{
    /// <summary>What the preview shows.</summary>
    [JsonPropertyName("displayInformation")]
    public DisplayInformationMessage? DisplayInformation { get; set; }

    /// <summary>The initiator's first sealed message.</summary>
    [JsonPropertyName("payload")]
    public PayloadMessage? Payload { get; set; }

    /// <summary>The initiator's push token, if any.</summary>
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }

    /// <summary>The recipient's rights and the requested expiry, if any.</summary>
    [JsonPropertyName("mailboxConfiguration")]
    public MailboxConfigurationMessage? MailboxConfiguration { get; set; }

    /// <summary>The relay-assisted PIN's OPRF key, verifier and guess count, if the share has one (docs/protocol.md section 12.6).</summary>
    [JsonPropertyName("pinProtection")]
    public PinProtectionMessage? PinProtection { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The optional body of ReadSecureContentFromMailbox, <c>POST /v1/m/{id}</c> (docs/protocol.md section 7.4).</summary>
public sealed class ReadMailboxRequestMessage
{
    /// <summary>The reader's push token, if any.</summary>
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The answer to UpdateMailbox (docs/protocol.md section 7.8).</summary>
public sealed class UpdateMailboxResponseMessage
{
    /// <summary>Whether the relay will push to the writer's token.</summary>
    [JsonPropertyName("isPushNotificationSupported")]
    public bool IsPushNotificationSupported { get; set; }
}

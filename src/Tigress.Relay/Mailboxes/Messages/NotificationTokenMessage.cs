using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary><c>notificationToken</c>: <c>{type, tokenData}</c>; <c>tokenData</c> may be a string or a JSON object.</summary>
internal sealed class NotificationTokenMessage
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("tokenData")]
    public JsonElement TokenData { get; set; }
}

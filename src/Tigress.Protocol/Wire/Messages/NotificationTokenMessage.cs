using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>
/// <c>notificationToken</c>: <c>{type, tokenData}</c> (docs/protocol.md section 10.1). <c>tokenData</c> is a JSON
/// value, a string or an object (a Web Push subscription may come either way), so it is carried as it is.
/// </summary>
public sealed class NotificationTokenMessage
{
    /// <summary>The token type, such as <c>webpush</c> or <c>com.apple.apns</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The token itself: a JSON string or object.</summary>
    [JsonPropertyName("tokenData")]
    public JsonElement TokenData { get; set; }
}

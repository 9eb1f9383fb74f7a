using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>A <c>notificationToken</c> object: where the relay should push change notices.</summary>
internal sealed class NotificationTokenMessage
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("tokenData")]
    public required string TokenData { get; init; }
}

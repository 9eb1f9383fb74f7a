using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>The answer to <c>POST /v1/m</c>.</summary>
internal sealed class CreateMailboxResponseMessage
{
    [JsonPropertyName("urlLink")]
    public string? UrlLink { get; init; }

    [JsonPropertyName("isPushNotificationSupported")]
    public bool IsPushNotificationSupported { get; init; }
}

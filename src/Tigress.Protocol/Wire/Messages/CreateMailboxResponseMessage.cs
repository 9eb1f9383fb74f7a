using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The answer to CreateMailbox (docs/protocol.md section 7.3).</summary>
public sealed class CreateMailboxResponseMessage
{
    /// <summary>The mailbox URL, without the share URL's fragment.</summary>
    [JsonPropertyName("urlLink")]
    public string? UrlLink { get; set; }

    /// <summary>Whether the relay will push to the token given with the request.</summary>
    [JsonPropertyName("isPushNotificationSupported")]
    public bool IsPushNotificationSupported { get; set; }
}

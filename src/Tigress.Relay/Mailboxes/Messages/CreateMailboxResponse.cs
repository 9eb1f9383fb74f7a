using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary>The answer to CreateMailbox.</summary>
internal sealed record CreateMailboxResponse(
    [property: JsonPropertyName("urlLink")] string UrlLink,
    [property: JsonPropertyName("isPushNotificationSupported")] bool IsPushNotificationSupported);

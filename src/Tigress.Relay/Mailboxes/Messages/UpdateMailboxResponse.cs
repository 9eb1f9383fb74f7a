using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary>The answer to UpdateMailbox.</summary>
internal sealed record UpdateMailboxResponse(
    [property: JsonPropertyName("isPushNotificationSupported")] bool IsPushNotificationSupported);

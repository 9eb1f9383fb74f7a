using System.Text.Json.Serialization;

namespace Tigress.Relay.Capabilities;

/// <summary>
/// <c>GET /v1</c> (docs/protocol.md section 9): what this relay offers, so a client can check it before creating a mailbox.
/// </summary>
internal sealed record CapabilitiesDocument
{
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    [JsonPropertyName("maxTtlSeconds")]
    public required long MaxTtlSeconds { get; init; }

    [JsonPropertyName("maxPayloadBytes")]
    public required int MaxPayloadBytes { get; init; }

    [JsonPropertyName("maxRequestBodyBytes")]
    public required int MaxRequestBodyBytes { get; init; }

    [JsonPropertyName("maxDisplayLength")]
    public required int MaxDisplayLength { get; init; }

    [JsonPropertyName("maxWaitSeconds")]
    public required int MaxWaitSeconds { get; init; }

    [JsonPropertyName("payloadTypes")]
    public required IReadOnlyList<string> PayloadTypes { get; init; }

    [JsonPropertyName("notificationTokenTypes")]
    public required IReadOnlyList<string> NotificationTokenTypes { get; init; }

    [JsonPropertyName("vapidPublicKey")]
    public string? VapidPublicKey { get; init; }

    [JsonPropertyName("serverSentEvents")]
    public required bool ServerSentEvents { get; init; }

    [JsonPropertyName("accessRights")]
    public required string AccessRights { get; init; }

    [JsonPropertyName("mailbox")]
    public required bool Mailbox { get; init; }

    [JsonPropertyName("dropbox")]
    public required bool Dropbox { get; init; }

    [JsonPropertyName("pinShares")]
    public required bool PinShares { get; init; }
}

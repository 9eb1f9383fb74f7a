using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>
/// <c>GET /v1</c> (docs/protocol.md section 9): what this relay offers, so a client can check it before creating a mailbox.
/// </summary>
public sealed record CapabilitiesDocument
{
    /// <summary>The API version, <c>v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    /// <summary>The longest life a mailbox may ask for, in seconds.</summary>
    [JsonPropertyName("maxTtlSeconds")]
    public required long MaxTtlSeconds { get; init; }

    /// <summary>The largest decoded payload (IV, ciphertext and tag), in bytes.</summary>
    [JsonPropertyName("maxPayloadBytes")]
    public required int MaxPayloadBytes { get; init; }

    /// <summary>The largest request body, in bytes.</summary>
    [JsonPropertyName("maxRequestBodyBytes")]
    public required int MaxRequestBodyBytes { get; init; }

    /// <summary>The longest display-information string, in characters.</summary>
    [JsonPropertyName("maxDisplayLength")]
    public required int MaxDisplayLength { get; init; }

    /// <summary>The longest <c>Prefer: wait</c> honoured, in seconds.</summary>
    [JsonPropertyName("maxWaitSeconds")]
    public required int MaxWaitSeconds { get; init; }

    /// <summary>The payload type names accepted (<see cref="Mailbox.PayloadAlgorithms"/>).</summary>
    [JsonPropertyName("payloadTypes")]
    public required IReadOnlyList<string> PayloadTypes { get; init; }

    /// <summary>The notification token types the relay pushes to.</summary>
    [JsonPropertyName("notificationTokenTypes")]
    public required IReadOnlyList<string> NotificationTokenTypes { get; init; }

    /// <summary>The relay's VAPID public key for Web Push, base64url; null without Web Push.</summary>
    [JsonPropertyName("vapidPublicKey")]
    public string? VapidPublicKey { get; init; }

    /// <summary>Whether the mailbox event stream is offered.</summary>
    [JsonPropertyName("serverSentEvents")]
    public required bool ServerSentEvents { get; init; }

    /// <summary>The access-right letters understood (<see cref="AccessRightLetters"/>).</summary>
    [JsonPropertyName("accessRights")]
    public required string AccessRights { get; init; }

    /// <summary>Whether the mailbox binding is offered.</summary>
    [JsonPropertyName("mailbox")]
    public required bool Mailbox { get; init; }

    /// <summary>Whether the HTTP dropbox binding is offered.</summary>
    [JsonPropertyName("dropbox")]
    public required bool Dropbox { get; init; }

    /// <summary>Whether PIN-protected shares are supported.</summary>
    [JsonPropertyName("pinShares")]
    public required bool PinShares { get; init; }

    /// <summary>
    /// Whether the relay counts guesses for the relay-assisted PIN (docs/protocol.md section 12.6); absent, so
    /// <see langword="false"/>, on relays from before it.
    /// </summary>
    [JsonPropertyName("relayAssistedPin")]
    public bool RelayAssistedPin { get; init; }

    /// <summary>The most guesses a relay-assisted PIN share may allow; absent on relays without it.</summary>
    [JsonPropertyName("maxPinGuesses")]
    public int? MaxPinGuesses { get; init; }
}

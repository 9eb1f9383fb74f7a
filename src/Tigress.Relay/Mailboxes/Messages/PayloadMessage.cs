using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary><c>payload</c>: <c>{type, data}</c> with <c>data = base64(IV || ciphertext || tag)</c>.</summary>
internal sealed class PayloadMessage
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("data")]
    public string? Data { get; set; }
}

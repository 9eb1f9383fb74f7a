using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>The data of one event on <c>GET /v1/m/{id}/events</c> (docs/protocol.md section 8): <c>{"event": "updated", "side": "recipient"}</c>;
/// other members are ignored.</summary>
internal sealed class MailboxEventMessage
{
    [JsonPropertyName("event")]
    public string? Event { get; init; }

    [JsonPropertyName("side")]
    public string? Side { get; init; }
}

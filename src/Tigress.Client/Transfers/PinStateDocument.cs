using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Client.Transfers;

/// <summary>
/// A PIN exchange in progress, inside <see cref="TransferStateDocument"/>. It holds the exchange's secrets (w and an
/// ephemeral scalar) and, for the initiator, the credential's first message: as secret as the share key.
/// </summary>
internal sealed class PinStateDocument
{
    /// <summary>The stored form of the initiator's or recipient's side of the exchange, base64url.</summary>
    [JsonPropertyName("exchange")]
    public string Exchange { get; set; } = string.Empty;

    /// <summary>Initiator: the vertical's first message, sent sealed under the PIN session key once the PIN matched.</summary>
    [JsonPropertyName("firstMessage")]
    public JsonElement? FirstMessage { get; set; }

    /// <summary>Initiator: the recipient's answer as read, stored before it is checked, so that a restart checks this
    /// answer again rather than reading a second one.</summary>
    [JsonPropertyName("answer")]
    public JsonElement? Answer { get; set; }
}

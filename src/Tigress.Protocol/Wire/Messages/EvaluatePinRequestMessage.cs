using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The body of the relay-assisted PIN's evaluation, <c>POST /v1/m/{id}/pin</c> (docs/protocol.md section 12.6).</summary>
public sealed class EvaluatePinRequestMessage
{
    /// <summary>The client's blinded OPRF input: a compressed P-256 point (33 bytes) in base64url without padding.</summary>
    [JsonPropertyName("blindedElement")]
    public string? BlindedElement { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The answer to the relay-assisted PIN's evaluation (docs/protocol.md section 12.6).</summary>
public sealed class EvaluatePinResponseMessage
{
    /// <summary>The mailbox's OPRF key times the blinded element: a compressed P-256 point (33 bytes) in base64url without padding.</summary>
    [JsonPropertyName("evaluatedElement")]
    public string? EvaluatedElement { get; set; }

    /// <summary>How many wrong proofs the share still accepts.</summary>
    [JsonPropertyName("guessesLeft")]
    public int GuessesLeft { get; set; }
}

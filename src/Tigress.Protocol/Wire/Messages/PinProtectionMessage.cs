using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>
/// <c>pinProtection</c> in the body of CreateMailbox: what the relay needs to count guesses at a relay-assisted PIN
/// (docs/protocol.md section 12.6). Every member is nullable so a reader can say which one is missing.
/// </summary>
public sealed class PinProtectionMessage
{
    /// <summary>The mailbox's OPRF key k, a P-256 scalar in [1, n): 32 bytes big-endian in base64url without padding.</summary>
    [JsonPropertyName("oprfKey")]
    public string? OprfKey { get; set; }

    /// <summary>SHA-256 of the proof key: 32 bytes in base64url without padding.</summary>
    [JsonPropertyName("verifier")]
    public string? Verifier { get; set; }

    /// <summary>How many wrong proofs the relay accepts before it locks the share, from 1 to the relay's <c>maxPinGuesses</c>.</summary>
    [JsonPropertyName("guesses")]
    public int? Guesses { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The answer to ReadSecureContentFromMailbox when the other side has written (docs/protocol.md section 7.4).</summary>
public sealed class ReadMailboxResponseMessage
{
    /// <summary>The mailbox's current display information.</summary>
    [JsonPropertyName("displayInformation")]
    public DisplayInformationMessage? DisplayInformation { get; set; }

    /// <summary>The other side's latest sealed message.</summary>
    [JsonPropertyName("payload")]
    public PayloadMessage? Payload { get; set; }

    /// <summary>When the mailbox expires, RFC 3339.</summary>
    [JsonPropertyName("expiration")]
    public string? Expiration { get; set; }
}

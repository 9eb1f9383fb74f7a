using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>The optional body of ReadSecureContentFromMailbox, <c>POST /v1/m/{id}</c> (docs/protocol.md section 7.4).</summary>
public sealed class ReadMailboxRequestMessage
{
    /// <summary>The reader's push token, if any.</summary>
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }

    /// <summary>
    /// The proof of the relay-assisted PIN, base64url of the 32-byte proof key, which a claim that is not bound yet
    /// must give to read a PIN-protected mailbox (docs/protocol.md section 12.6).
    /// </summary>
    [JsonPropertyName("pinProof")]
    public string? PinProof { get; set; }
}

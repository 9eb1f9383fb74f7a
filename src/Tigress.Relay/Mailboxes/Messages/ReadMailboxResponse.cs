using System.Text.Json.Serialization;

namespace Tigress.Relay.Mailboxes.Messages;

/// <summary>The answer to ReadSecureContentFromMailbox; the relay writes it directly, this type documents it.</summary>
internal sealed record ReadMailboxResponse(
    [property: JsonPropertyName("displayInformation")] DisplayInformationMessage DisplayInformation,
    [property: JsonPropertyName("payload")] PayloadMessage Payload,
    [property: JsonPropertyName("expiration")] string Expiration);

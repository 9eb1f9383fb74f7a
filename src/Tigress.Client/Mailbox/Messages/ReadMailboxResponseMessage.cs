using System.Text.Json.Serialization;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>The answer to <c>POST /v1/m/{id}</c> when the other side has written.</summary>
internal sealed class ReadMailboxResponseMessage
{
    [JsonPropertyName("displayInformation")]
    public DisplayInformation? DisplayInformation { get; init; }

    [JsonPropertyName("payload")]
    public SecurePayload? Payload { get; init; }

    [JsonPropertyName("expiration")]
    public string? Expiration { get; init; }
}

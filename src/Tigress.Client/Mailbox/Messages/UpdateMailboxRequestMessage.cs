using System.Text.Json.Serialization;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>The body of <c>PUT /v1/m/{id}</c>.</summary>
internal sealed class UpdateMailboxRequestMessage
{
    [JsonPropertyName("payload")]
    public required SecurePayload Payload { get; init; }
}

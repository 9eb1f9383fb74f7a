using System.Text.Json.Serialization;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Transfers;

/// <summary>
/// A write-ahead record: the session stores the request (with its sealed payload and request id) before sending
/// it, so after a crash it sends exactly the same request again and the relay answers from its record if the first
/// one got through.
/// </summary>
internal sealed class PendingOperation
{
    [JsonPropertyName("kind")]
    public required PendingKind Kind { get; init; }

    [JsonPropertyName("requestId")]
    public required Guid RequestId { get; init; }

    /// <summary>Mailbox binding: the sealed payload of a create or update.</summary>
    [JsonPropertyName("payload")]
    public SecurePayload? Payload { get; init; }

    /// <summary>Dropbox binding: the sealed message to put, exactly as it goes on the wire.</summary>
    [JsonPropertyName("body")]
    public byte[]? Body { get; init; }

    /// <summary>Dropbox binding: the message's index in the exchange, which fixes its location.</summary>
    [JsonPropertyName("index")]
    public int? Index { get; init; }

    /// <summary>The format of the sealed message, for progress events.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    [JsonPropertyName("then")]
    public PendingOutcome Then { get; init; }
}

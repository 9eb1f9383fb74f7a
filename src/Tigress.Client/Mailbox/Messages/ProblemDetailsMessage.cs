using System.Text.Json.Serialization;

namespace Tigress.Client.Mailbox.Messages;

/// <summary>An RFC 9457 problem document, as the relay answers every error.</summary>
internal sealed class ProblemDetailsMessage
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("detail")]
    public string? Detail { get; init; }
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>An RFC 9457 problem document, as the relay answers every error (docs/protocol.md section 7.12). Clients
/// branch on <see cref="Type"/> (one of <see cref="ProblemTypes"/>), never on the title or detail.</summary>
public sealed class ProblemDetailsMessage
{
    /// <summary>The problem type URI.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>A short, fixed summary of the type.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("status")]
    public int? Status { get; set; }

    /// <summary>What went wrong with this request, for people.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    /// <summary>
    /// For <see cref="ProblemTypes.WrongPin"/>: how many guesses at the relay-assisted PIN remain, an RFC 9457
    /// extension member (docs/protocol.md section 12.6).
    /// </summary>
    [JsonPropertyName("guessesLeft")]
    public int? GuessesLeft { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Client.Transfers;

/// <summary>
/// A relay-assisted PIN share, inside <see cref="TransferStateDocument"/>: what the create sends (until the relay took
/// it) and how many guesses the relay said are left.
/// </summary>
internal sealed class RelayPinStateDocument
{
    /// <summary>Initiator, until the mailbox is created: the OPRF key, base64url. Secret.</summary>
    [JsonPropertyName("oprfKey")]
    public string? OprfKey { get; set; }

    /// <summary>Initiator, until the mailbox is created: the proof's verifier, base64url.</summary>
    [JsonPropertyName("verifier")]
    public string? Verifier { get; set; }

    /// <summary>How many wrong proofs the share allows.</summary>
    [JsonPropertyName("guesses")]
    public int Guesses { get; set; }

    /// <summary>The fewest guesses left the relay reported, so a replayed event is not reported twice.</summary>
    [JsonPropertyName("guessesLeft")]
    public int GuessesLeft { get; set; }
}

using System.Text.Json.Serialization;

namespace Tigress.Protocol.Wire.Messages;

/// <summary>
/// The JSON of one mailbox event (names in <see cref="MailboxEventNames"/>): the <c>data</c> of an event-stream event,
/// <c>{"event": "updated", "side": "recipient"}</c> (docs/protocol.md section 8), and the content of a push,
/// <c>{"mailbox": "&lt;id&gt;", "event": "updated"}</c> (section 10.3). Readers ignore other members.
/// </summary>
public sealed class MailboxEventMessage
{
    /// <summary>The mailbox, in push content only.</summary>
    [JsonPropertyName("mailbox")]
    public Guid? Mailbox { get; set; }

    /// <summary>What happened.</summary>
    [JsonPropertyName("event")]
    public string? Event { get; set; }

    /// <summary>The side that caused it, where one did (event stream only).</summary>
    [JsonPropertyName("side")]
    public string? Side { get; set; }

    /// <summary>For <see cref="MailboxEventNames.PinFailed"/> (event stream only): the guesses left; 0 means the share is locked.</summary>
    [JsonPropertyName("guessesLeft")]
    public int? GuessesLeft { get; set; }
}

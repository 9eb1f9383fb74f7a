using System.Text.Json;
using System.Text.Json.Serialization;
using Tigress.Cli.Commands;
using Tigress.Client.Transfers;

namespace Tigress.Cli.Interaction;

/// <summary>
/// One line of <c>--json</c> output. <c>event</c> is one of <c>shared</c>, <c>pin</c>, <c>detached</c>, <c>waiting</c>, <c>claimed</c>,
/// <c>sent</c>, <c>received</c>, <c>pin-matched</c>, <c>pin-failed</c>, <c>claim-unanswered</c>, <c>completed</c>, <c>cancelled</c>, <c>expired</c>,
/// <c>interrupted</c>, <c>relay-unavailable</c>, <c>ended</c> (cancel: the share had ended already), <c>error</c>; <c>time</c> is when the line was written (RFC 3339, UTC);
/// the other members appear where they apply.
/// </summary>
internal sealed class CliEvent
{
    [JsonPropertyName("event")]
    public required string Event { get; init; }

    /// <summary>When the event happened (RFC 3339, UTC, milliseconds), for logs that interleave several runs.</summary>
    [JsonPropertyName("time")]
    public string Time { get; init; } = Rfc3339(TimeProvider.System.GetUtcNow());

    /// <summary><c>shared</c>: the share URL, secret included.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary><c>pin</c> (share): the PIN to tell the recipient over another channel than the link.</summary>
    [JsonPropertyName("pin")]
    public string? Pin { get; init; }

    /// <summary><c>pin</c> (share): the PIN protection the share got, <c>relay-assisted</c> or <c>spake2</c>.</summary>
    [JsonPropertyName("protection")]
    public string? Protection { get; init; }

    /// <summary><c>pin</c> (share): the wrong PINs the share survives before it ends (1 for SPAKE2).</summary>
    [JsonPropertyName("guesses")]
    public int? Guesses { get; init; }

    /// <summary><c>waiting</c> on the dropbox binding: when this side stops waiting (RFC 3339, UTC).</summary>
    [JsonPropertyName("until")]
    public string? Until { get; init; }

    [JsonPropertyName("sequence")]
    public int? Sequence { get; init; }

    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary><c>cancelled</c>: <c>peer</c> or <c>self</c>.</summary>
    [JsonPropertyName("by")]
    public string? By { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary><c>expired</c>: whether this device had claimed the share.</summary>
    [JsonPropertyName("claimed")]
    public bool? Claimed { get; init; }

    /// <summary><c>completed</c> (receive): the credential's size, and where it went.</summary>
    [JsonPropertyName("bytes")]
    public int? Bytes { get; init; }

    [JsonPropertyName("out")]
    public string? Out { get; init; }

    /// <summary><c>completed</c> (receive without <c>--out</c>): the credential itself, base64.</summary>
    [JsonPropertyName("content")]
    public byte[]? Content { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("exitCode")]
    public int? ExitCode { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary><c>pin-failed</c> (share), and <c>error</c> for a wrong relay-assisted PIN: the guesses the relay still
    /// allows; 0 when it locked the share.</summary>
    [JsonPropertyName("guessesLeft")]
    public int? GuessesLeft { get; init; }

    /// <summary><c>detached</c> (share <c>--detach</c>): the saved share's id, as <c>status</c>, <c>cancel</c> and
    /// <c>share --resume</c> take it.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary><c>detached</c>: the saved share's state file.</summary>
    [JsonPropertyName("file")]
    public string? File { get; init; }

    public static CliEvent Error(CliFailure failure) =>
        new() { Event = "error", Code = failure.Code, ExitCode = failure.ExitCode, Message = failure.Message, GuessesLeft = failure.GuessesLeft };

    /// <summary>The JSON line for a transfer's progress event, or null for events the commands report themselves.</summary>
    public static CliEvent? From(TransferEvent transferEvent) => transferEvent.Kind switch
    {
        TransferEventKind.Waiting => new()
        {
            Event = "waiting",
            Until = transferEvent.Deadline is { } deadline ? Rfc3339(deadline) : null,
        },
        TransferEventKind.Claimed => new() { Event = "claimed" },
        TransferEventKind.RelayUnavailable => new()
        {
            Event = "relay-unavailable",
            Reason = transferEvent.Reason,
            Until = transferEvent.Deadline is { } deadline ? Rfc3339(deadline) : null,
        },
        TransferEventKind.MessageSent => new() { Event = "sent", Sequence = transferEvent.Sequence, Format = transferEvent.Format },
        TransferEventKind.MessageReceived => new() { Event = "received", Sequence = transferEvent.Sequence, Format = transferEvent.Format },
        TransferEventKind.PinMatched => new() { Event = "pin-matched" },
        TransferEventKind.PinGuessFailed => new() { Event = "pin-failed", GuessesLeft = transferEvent.GuessesLeft },
        TransferEventKind.ClaimUnanswered => new() { Event = "claim-unanswered" },
        _ => null,
    };

    internal static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public string ToJson() => JsonSerializer.Serialize(this, CliJsonContext.Default.CliEvent);
}

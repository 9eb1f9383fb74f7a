using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Cli.Interaction;

/// <summary>
/// One saved share in <c>tigress status --json</c> (and <c>cancel --json</c>): <c>"event": "status"</c>, its id and
/// state (<c>waiting</c>, <c>wrong-pin</c>, <c>opened</c>, <c>received</c>, <c>cancelled</c>, <c>expired</c>,
/// <c>locked</c>, <c>failed</c>), the state in words, and in <c>events</c> what happened since the last check, each
/// reported once (<c>claimed</c>, <c>pin-failed</c>, <c>pin-matched</c>, <c>claim-unanswered</c>). Never the link or the PIN.
/// </summary>
internal sealed class ShareStatusLine
{
    [JsonPropertyName("event")]
    public string Event { get; init; } = "status";

    [JsonPropertyName("time")]
    public string Time { get; init; } = CliEvent.Rfc3339(TimeProvider.System.GetUtcNow());

    /// <summary>The share's id, as <c>status</c>, <c>cancel</c> and <c>share --resume</c> take it.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The relay's scheme, host and port.</summary>
    [JsonPropertyName("relay")]
    public string? Relay { get; init; }

    /// <summary><c>relay-assisted</c>, <c>spake2</c>, or absent for a share without a PIN.</summary>
    [JsonPropertyName("protection")]
    public string? Protection { get; init; }

    [JsonPropertyName("guesses")]
    public int? Guesses { get; init; }

    [JsonPropertyName("guessesLeft")]
    public int? GuessesLeft { get; init; }

    [JsonPropertyName("sharedAt")]
    public string? SharedAt { get; init; }

    [JsonPropertyName("openedAt")]
    public string? OpenedAt { get; init; }

    /// <summary>For a share still live: when it expires (absent when the relay did not say).</summary>
    [JsonPropertyName("expiresAt")]
    public string? ExpiresAt { get; init; }

    /// <summary>Whether this run asked the relay; see <see cref="Process"/> and <see cref="Code"/> for why not.</summary>
    [JsonPropertyName("checked")]
    public bool Checked { get; init; }

    /// <summary>The <c>tigress share</c> process running the share, which this run left alone.</summary>
    [JsonPropertyName("process")]
    public int? Process { get; init; }

    /// <summary>Not checked because of the relay: the error code and line, as in an <c>error</c> event.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The state file, for a share still live (an ended share's file is removed).</summary>
    [JsonPropertyName("file")]
    public string? File { get; init; }

    [JsonPropertyName("events")]
    public IReadOnlyList<CliEvent> Events { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, CliJsonContext.Default.ShareStatusLine);
}

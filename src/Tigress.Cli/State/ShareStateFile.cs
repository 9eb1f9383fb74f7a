using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Cli.State;

/// <summary>
/// One saved share, as the JSON file <c>$XDG_STATE_HOME/tigress/ID.json</c> holds it: the SDK's resumable state
/// (<see cref="Transfer"/>, which holds the link's secret and the device claim) and what <c>tigress status</c> shows
/// without asking the relay. Written by <c>share</c> (while it runs, or with <c>--detach</c>), <c>share --resume</c>
/// and <c>status</c>; removed once the share has ended and that was reported.
/// </summary>
internal sealed class ShareStateFile
{
    /// <summary>The value of <see cref="Kind"/>: a file without it is not ours.</summary>
    public const string FileKind = "tigress-share-state";

    /// <summary>The version this build writes and reads; a file from a newer build is refused, never rewritten.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>The share's id: the file's name, and the first hex digits of the SHA-256 of its link.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("sharedAt")]
    public DateTimeOffset SharedAt { get; set; }

    /// <summary>When the relay ends the share; null when the relay did not say.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Where the share lives, without its secret: the relay's scheme, host and port.</summary>
    [JsonPropertyName("relay")]
    public string? Relay { get; set; }

    /// <summary>The preview title the sender gave, to tell shares apart.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The PIN protection: <c>relay-assisted</c>, <c>spake2</c>, or null for a share without a PIN. The PIN
    /// itself is never saved.</summary>
    [JsonPropertyName("pin")]
    public string? Pin { get; set; }

    /// <summary>A relay-assisted PIN share: the wrong PINs the relay allows.</summary>
    [JsonPropertyName("guesses")]
    public int? Guesses { get; set; }

    /// <summary>A relay-assisted PIN share: the guesses left after the last wrong PIN reported (every one is reported once).</summary>
    [JsonPropertyName("guessesLeft")]
    public int? GuessesLeft { get; set; }

    /// <summary>When this computer learned that a device opened the link.</summary>
    [JsonPropertyName("openedAt")]
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>The process of a <c>tigress share</c> running the share in the foreground, while it runs.</summary>
    [JsonPropertyName("process")]
    public int? Process { get; set; }

    /// <summary>The SDK's resumable state (<c>TransferState.ToJson</c>). Secret: it holds the link's key.</summary>
    [JsonPropertyName("transfer")]
    public JsonElement Transfer { get; set; }
}

/// <summary>Source-generated reading and writing of the state files; strict, since only tigress writes them.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(ShareStateFile))]
internal sealed partial class ShareStateJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Tigress.Client.Dropbox;

/// <summary>
/// The dropbox binding's part of a stored transfer. Every member but the deadline is secret: the invitation holds R,
/// the transcript holds every message's plaintext, and a lock cookie lets its holder act at a location.
/// </summary>
/// <remarks>
/// The key schedule's running hash cannot be exported, so the transcript is kept as the encoded plaintexts
/// themselves and the schedule is rebuilt from them. The transcript also holds a message this side has sealed but
/// not yet seen stored (with the pending put), or has fetched and deleted but not yet handled.
/// </remarks>
internal sealed class DropboxStateDocument
{
    /// <summary>The invitation URL, R included.</summary>
    [JsonPropertyName("invitation")]
    public string Invitation { get; set; } = string.Empty;

    /// <summary>The encoded TigressPlaintext of every message so far, in order.</summary>
    [JsonPropertyName("transcript")]
    public List<byte[]> Transcript { get; set; } = [];

    /// <summary>The cookies servers set for this transfer (the relay's lock), so a restarted device is still admitted.</summary>
    [JsonPropertyName("cookies")]
    public List<DropboxCookie>? Cookies { get; set; }

    /// <summary>The index of the message the current wait is for.</summary>
    [JsonPropertyName("waitIndex")]
    public int? WaitIndex { get; set; }

    /// <summary>When the current wait gives up.</summary>
    [JsonPropertyName("deadline")]
    public DateTimeOffset? Deadline { get; set; }
}

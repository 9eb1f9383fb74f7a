using System.Text.Json.Serialization;

namespace Tigress.Client.Dropbox;

/// <summary>One cookie a dropbox server set during a transfer, as stored with the transfer. Secret.</summary>
internal sealed class DropboxCookie
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    [JsonPropertyName("domain")]
    public required string Domain { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }
}

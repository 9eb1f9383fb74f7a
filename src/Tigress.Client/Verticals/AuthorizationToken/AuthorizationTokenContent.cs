using System.Text.Json.Serialization;

namespace Tigress.Client.Verticals.AuthorizationToken;

/// <summary>The content of the single authorization-token message.</summary>
internal sealed class AuthorizationTokenContent
{
    /// <summary>The token's bytes, base64 on the wire.</summary>
    [JsonPropertyName("token")]
    public byte[]? Token { get; init; }

    /// <summary>Optional: the name of the file the token was read from, a base name without any folder. Left out
    /// when there is none, so a share without it is byte for byte what it was before the field existed.</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}

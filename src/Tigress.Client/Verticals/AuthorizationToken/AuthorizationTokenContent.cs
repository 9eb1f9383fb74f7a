using System.Text.Json.Serialization;

namespace Tigress.Client.Verticals.AuthorizationToken;

/// <summary>The content of the single authorization-token message.</summary>
internal sealed class AuthorizationTokenContent
{
    /// <summary>The token's bytes, base64 on the wire.</summary>
    [JsonPropertyName("token")]
    public byte[]? Token { get; init; }
}

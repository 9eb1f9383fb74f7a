using System.Text.Json.Serialization;

namespace Tigress.Client.Verticals.AuthorizationToken;

/// <summary>Source-generated serialisation for the authorization-token content.</summary>
[JsonSerializable(typeof(AuthorizationTokenContent))]
internal sealed partial class AuthorizationTokenJsonContext : JsonSerializerContext;

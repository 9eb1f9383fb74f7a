using System.Text.Json.Serialization;
using Tigress.Relay.Capabilities;

namespace Tigress.Relay.Mailboxes;

/// <summary>Source-generated JSON for the relay's own documents; the mailbox messages use
/// <see cref="Tigress.Protocol.Wire.Messages.WireJsonContext"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CapabilitiesDocument))]
internal sealed partial class RelayJsonContext : JsonSerializerContext;

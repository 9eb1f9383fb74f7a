using System.Text.Json.Serialization;

namespace Tigress.Cli.Interaction;

/// <summary>Source-generated serialisation of the <c>--json</c> events.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliEvent))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

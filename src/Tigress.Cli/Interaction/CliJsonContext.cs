using System.Text.Json.Serialization;

namespace Tigress.Cli.Interaction;

/// <summary>Source-generated serialisation of the <c>--json</c> events and of <c>status</c>'s share records.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliEvent))]
[JsonSerializable(typeof(ShareStatusLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

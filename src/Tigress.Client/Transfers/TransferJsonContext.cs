using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Client.Transfers;

/// <summary>Source-generated serialisation for the transfer state and the session's control messages.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TransferStateDocument))]
[JsonSerializable(typeof(ControlContent))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TransferJsonContext : JsonSerializerContext;

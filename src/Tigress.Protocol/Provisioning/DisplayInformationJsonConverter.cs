using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Protocol.Provisioning;

/// <summary>
/// Reads and writes <see cref="DisplayInformation"/> with its wire member names; invalid input raises
/// <see cref="TigressProtocolException"/>.
/// </summary>
public sealed class DisplayInformationJsonConverter : JsonConverter<DisplayInformation>
{
    /// <inheritdoc/>
    public override DisplayInformation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return DisplayInformation.FromJson(document.RootElement);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DisplayInformation value, JsonSerializerOptions options) =>
        value.WriteTo(writer);
}

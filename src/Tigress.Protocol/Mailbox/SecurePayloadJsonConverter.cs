using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// Reads and writes <see cref="SecurePayload"/> as <c>{"type": ..., "data": ...}</c>. Unknown members are
/// skipped; a missing or invalid field raises <see cref="TigressProtocolException"/>.
/// </summary>
public sealed class SecurePayloadJsonConverter : JsonConverter<SecurePayload>
{
    /// <inheritdoc/>
    public override SecurePayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error.MalformedMessage("the payload is not a JSON object.");
        }

        string? type = null;
        string? data = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type" when reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    break;
                case "data" when reader.TokenType == JsonTokenType.String:
                    data = reader.GetString();
                    break;
                case "type" or "data":
                    throw Error.MalformedMessage($"the payload's \"{name}\" is not a string.");
                default:
                    reader.Skip();
                    break;
            }
        }

        if (type is null || data is null)
        {
            throw Error.MalformedMessage("the payload needs both \"type\" and \"data\".");
        }

        return SecurePayload.Parse(type, data);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, SecurePayload value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, value.TypeName);
        writer.WriteBase64String("data"u8, value.Data.Span);
        writer.WriteEndObject();
    }
}

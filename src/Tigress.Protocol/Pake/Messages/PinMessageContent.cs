using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Tigress.Protocol.Pake.Messages;

/// <summary>Reads and writes the base64url byte fields of the PIN messages' JSON content.</summary>
internal static class PinMessageContent
{
    /// <summary>Builds a content object from (name, bytes) pairs, each written as base64url without padding.</summary>
    public static JsonElement Write(params ReadOnlySpan<(string Name, ReadOnlyMemory<byte> Value)> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, Base64Url.EncodeToString(value.Span));
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Reads the base64url string <paramref name="name"/>; false when it is missing, not canonical base64url,
    /// or not between <paramref name="minLength"/> and <paramref name="maxLength"/> bytes once decoded.</summary>
    public static bool TryRead(JsonElement content, string name, int minLength, int maxLength, [NotNullWhen(true)] out byte[]? value)
    {
        value = null;
        if (content.ValueKind != JsonValueKind.Object
            || !content.TryGetProperty(name, out var property)
            || property.ValueKind != JsonValueKind.String
            || property.GetString() is not { } text
            || text.Length > Base64Url.GetEncodedLength(maxLength))
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out var consumed, out var written) != OperationStatus.Done
            || consumed != text.Length
            || written < minLength
            || written > maxLength
            || Base64Url.EncodeToString(bytes.AsSpan(0, written)) != text)
        {
            return false;
        }

        value = written == bytes.Length ? bytes : bytes[..written];
        return true;
    }
}

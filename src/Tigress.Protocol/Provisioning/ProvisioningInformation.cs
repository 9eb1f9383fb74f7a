using System.Buffers;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tigress.Protocol.Provisioning;

/// <summary>
/// The plaintext inside every payload: <c>{"format": string, "content": object}</c> (docs/protocol.md section 5), open to
/// extra top-level keys. The key <c>displayInformation</c> carries the initiator's copy of the preview
/// (docs/protocol.md section 5.1); any other extra key is kept in <see cref="AdditionalProperties"/> and written back unchanged.
/// </summary>
public sealed class ProvisioningInformation
{
    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        // Two values for one key would let two readers see two different messages.
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    private static readonly ReadOnlyDictionary<string, JsonElement> s_none = ReadOnlyDictionary<string, JsonElement>.Empty;

    /// <summary>Creates the envelope. <paramref name="content"/> must be a JSON object; it is cloned.</summary>
    public ProvisioningInformation(
        string format,
        JsonElement content,
        DisplayInformation? displayInformation = null,
        IReadOnlyDictionary<string, JsonElement>? additionalProperties = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The content must be a JSON object.", nameof(content));
        }

        if (additionalProperties is not null)
        {
            foreach (var name in additionalProperties.Keys)
            {
                if (IsReservedName(name))
                {
                    throw new ArgumentException($"\"{name}\" has its own property; it cannot be an additional one.", nameof(additionalProperties));
                }
            }
        }

        Format = format;
        Content = content.Clone();
        DisplayInformation = displayInformation;
        AdditionalProperties = additionalProperties is null or { Count: 0 }
            ? s_none
            : new ReadOnlyDictionary<string, JsonElement>(additionalProperties.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal));
    }

    /// <summary>The format name, such as <c>digitalwallet.carkey.ccc</c>.</summary>
    public string Format { get; }

    /// <summary>The format-specific content, always a JSON object.</summary>
    public JsonElement Content { get; }

    /// <summary>The initiator's copy of the preview, present in its first message (docs/protocol.md section 5.1).</summary>
    public DisplayInformation? DisplayInformation { get; }

    /// <summary>Top-level keys other than <c>format</c>, <c>content</c> and <c>displayInformation</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; }

    /// <summary>Reads the envelope from UTF-8 JSON.</summary>
    /// <exception cref="TigressProtocolException">The bytes are not the expected envelope
    /// (<see cref="ProtocolErrorCodes.MalformedProvisioningInformation"/> or
    /// <see cref="ProtocolErrorCodes.MalformedDisplayInformation"/>).</exception>
    public static ProvisioningInformation Parse(ReadOnlySpan<byte> utf8Json) =>
        TryParseCore(utf8Json, out var value) is { } error ? throw error : value!;

    /// <summary>Reads the envelope from UTF-8 JSON; false when it is not the expected envelope.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out ProvisioningInformation? value) =>
        TryParseCore(utf8Json, out value) is null;

    /// <summary>A copy of this envelope with <see cref="DisplayInformation"/> replaced.</summary>
    public ProvisioningInformation WithDisplayInformation(DisplayInformation? displayInformation) =>
        new(Format, Content, displayInformation, AdditionalProperties);

    /// <summary>The envelope as UTF-8 JSON.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(256);

        // The envelope is sealed, never embedded in HTML: the default encoder's escapes (every '+' of a base64 token as
        // \u002B, every non-ASCII character) would make its size depend on the content's bytes, and a relay's payload
        // limit unpredictable.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the envelope as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("format"u8, Format);
        writer.WritePropertyName("content"u8);
        Content.WriteTo(writer);
        if (DisplayInformation is not null)
        {
            writer.WritePropertyName("displayInformation"u8);
            DisplayInformation.WriteTo(writer);
        }

        foreach (var (name, value) in AdditionalProperties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Names the format only; the content is secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"ProvisioningInformation({Format})";

    private static bool IsReservedName(string name) => name is "format" or "content" or "displayInformation";

    private static TigressProtocolException? TryParseCore(ReadOnlySpan<byte> utf8Json, out ProvisioningInformation? value)
    {
        value = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), s_documentOptions);
        }
        catch (JsonException)
        {
            return Error.MalformedProvisioningInformation("it is not a single JSON document without duplicate keys.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error.MalformedProvisioningInformation("it is not a JSON object.");
            }

            string? format = null;
            JsonElement? content = null;
            DisplayInformation? display = null;
            Dictionary<string, JsonElement>? extra = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "format":
                        if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } name)
                        {
                            return Error.MalformedProvisioningInformation("\"format\" is not a non-empty string.");
                        }

                        format = name;
                        break;
                    case "content":
                        if (property.Value.ValueKind != JsonValueKind.Object)
                        {
                            return Error.MalformedProvisioningInformation("\"content\" is not a JSON object.");
                        }

                        content = property.Value;
                        break;
                    case "displayInformation":
                        try
                        {
                            display = DisplayInformation.FromJson(property.Value);
                        }
                        catch (TigressProtocolException exception)
                        {
                            return exception;
                        }

                        break;
                    default:
                        (extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value;
                        break;
                }
            }

            if (format is null || content is null)
            {
                return Error.MalformedProvisioningInformation("it needs both \"format\" and \"content\".");
            }

            // The constructor clones every element, so nothing outlives the document.
            value = new ProvisioningInformation(format, content.Value, display, extra);
            return null;
        }
    }
}

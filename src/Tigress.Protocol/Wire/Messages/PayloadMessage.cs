using System.Text.Json.Serialization;
using Tigress.Protocol.Mailbox;

namespace Tigress.Protocol.Wire.Messages;

/// <summary><c>payload</c>: <c>{type, data}</c> with <c>type</c> a name of <see cref="PayloadAlgorithms"/> and
/// <c>data = base64(IV || ciphertext || tag)</c> (docs/protocol.md section 4); <see cref="SecurePayload"/> is its checked form.</summary>
public sealed class PayloadMessage
{
    /// <summary>The AEAD's name, such as <c>AEAD_AES_128_GCM</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>IV, ciphertext and tag in standard base64 with padding.</summary>
    [JsonPropertyName("data")]
    public string? Data { get; set; }

    /// <summary>The message for <paramref name="payload"/>.</summary>
    public static PayloadMessage From(SecurePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new() { Type = payload.TypeName, Data = payload.ToBase64() };
    }

    /// <summary>The checked payload this message carries.</summary>
    /// <exception cref="TigressProtocolException">The type is unknown, or the data is not base64 of an IV, ciphertext and tag.</exception>
    public SecurePayload ToSecurePayload() => SecurePayload.Parse(Type, Data);
}

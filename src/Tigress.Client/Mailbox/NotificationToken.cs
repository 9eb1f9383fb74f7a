using System.ComponentModel;
using System.Text.Json;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Client.Mailbox;

/// <summary>
/// Where the relay should push "this mailbox changed" notices (docs/protocol.md section 10), such as a Web Push
/// subscription (<c>webpush</c>) or a platform push token. On the wire <c>tokenData</c> is a JSON string or a JSON
/// object (a Web Push subscription as <c>subscription.toJSON()</c> gives it), and is sent as given.
/// </summary>
public sealed class NotificationToken
{
    /// <summary>Creates a token of <paramref name="type"/> whose data is the string <paramref name="tokenData"/>.</summary>
    public NotificationToken(string type, string tokenData)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(tokenData);
        Type = type;
        TokenData = JsonSerializer.SerializeToElement(tokenData, WireJsonContext.Default.String);
    }

    /// <summary>Creates a token of <paramref name="type"/> whose data is <paramref name="tokenData"/>, a JSON string or object.</summary>
    /// <exception cref="ArgumentException"><paramref name="tokenData"/> is neither a string nor an object.</exception>
    public NotificationToken(string type, JsonElement tokenData)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (tokenData.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            throw new ArgumentException("The token data must be a JSON string or a JSON object.", nameof(tokenData));
        }

        Type = type;
        TokenData = tokenData.Clone();
    }

    /// <summary>The token type, such as <c>webpush</c> or <c>com.apple.apns</c>.</summary>
    public string Type { get; }

    /// <summary>The token itself, a JSON string or object, opaque to the client.</summary>
    public JsonElement TokenData { get; }

    /// <summary>Names the type only; the token identifies a device.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"NotificationToken({Type})";
}

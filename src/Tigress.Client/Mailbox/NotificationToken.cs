using System.ComponentModel;

namespace Tigress.Client.Mailbox;

/// <summary>
/// Where the relay should push "this mailbox changed" notices (docs/protocol.md section 10), such as a Web Push
/// subscription (<c>webpush</c>) or a platform push token.
/// </summary>
public sealed class NotificationToken
{
    /// <summary>Creates a token of <paramref name="type"/> with its opaque <paramref name="tokenData"/>.</summary>
    public NotificationToken(string type, string tokenData)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(tokenData);
        Type = type;
        TokenData = tokenData;
    }

    /// <summary>The token type, such as <c>webpush</c> or <c>com.apple.apns</c>.</summary>
    public string Type { get; }

    /// <summary>The token itself, opaque to the client.</summary>
    public string TokenData { get; }

    /// <summary>Names the type only; the token identifies a device.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"NotificationToken({Type})";
}

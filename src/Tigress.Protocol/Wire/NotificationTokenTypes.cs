namespace Tigress.Protocol.Wire;

/// <summary>The <c>notificationToken.type</c> names a relay may deliver to (docs/protocol.md section 10), as listed in
/// the capability document's <c>notificationTokenTypes</c>.</summary>
public static class NotificationTokenTypes
{
    /// <summary>A browser's Web Push subscription (RFC 8030, encrypted per RFC 8291, signed per RFC 8292); its
    /// <c>tokenData</c> is the PushSubscription object, or that object as a JSON string.</summary>
    public const string WebPush = "webpush";
}

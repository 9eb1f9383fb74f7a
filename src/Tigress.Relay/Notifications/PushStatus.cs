namespace Tigress.Relay.Notifications;

/// <summary>How one push delivery ended.</summary>
public enum PushStatus
{
    /// <summary>The push service accepted the message.</summary>
    Delivered = 1,

    /// <summary>A passing failure (429, 5xx, timeout, network): try again later.</summary>
    RetryLater = 2,

    /// <summary>The token is no longer valid (Web Push 404 or 410): the relay forgets it.</summary>
    TokenGone = 3,

    /// <summary>A failure that retrying will not fix; the token is kept.</summary>
    Failed = 4,
}

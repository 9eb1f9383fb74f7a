namespace Tigress.Relay.Notifications;

/// <summary>The outcome of <see cref="IPushProvider.SendAsync"/>.</summary>
/// <param name="Status">How the delivery ended.</param>
/// <param name="RetryAfter">For <see cref="PushStatus.RetryLater"/>: how long the push service asked the relay to wait, if it said.</param>
public readonly record struct PushResult(PushStatus Status, TimeSpan? RetryAfter = null)
{
    /// <summary>The push service accepted the message.</summary>
    public static PushResult Delivered => new(PushStatus.Delivered);

    /// <summary>The token is gone; the relay forgets it.</summary>
    public static PushResult TokenGone => new(PushStatus.TokenGone);

    /// <summary>A failure that retrying will not fix.</summary>
    public static PushResult Failed => new(PushStatus.Failed);

    /// <summary>A passing failure; <paramref name="after"/> is the wait the push service asked for, if any.</summary>
    public static PushResult RetryLater(TimeSpan? after = null) => new(PushStatus.RetryLater, after);
}

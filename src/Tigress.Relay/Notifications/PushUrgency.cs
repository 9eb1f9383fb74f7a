namespace Tigress.Relay.Notifications;

/// <summary>The urgency of a push message (RFC 8030 section 5.3).</summary>
public enum PushUrgency
{
    /// <summary><c>very-low</c>: deliver when the device is on power and Wi-Fi.</summary>
    VeryLow = 1,

    /// <summary><c>low</c>: deliver when the device is on power or Wi-Fi.</summary>
    Low = 2,

    /// <summary><c>normal</c>: deliver unless the device's battery is very low.</summary>
    Normal = 3,

    /// <summary><c>high</c>: deliver at once, even on low battery.</summary>
    High = 4,
}

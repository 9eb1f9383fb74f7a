namespace Tigress.Relay.Notifications;

/// <summary>Settings of push notifications from the relay, bound from <c>Relay:Push</c>.</summary>
public sealed class PushOptions
{
    /// <summary>Whether the relay sends push notifications at all; without it every token is stored but none is used.</summary>
    /// <remarks>Default: <see langword="true"/>.</remarks>
    public bool Enabled { get; set; } = true;

    /// <summary>The contact push services see in the VAPID token (<c>sub</c>): a <c>mailto:</c> or <c>https:</c> URI.</summary>
    /// <remarks>Default: <see cref="Hosting.RelayOptions.PublicUrl"/> when it is https, else none.</remarks>
    public string? VapidSubject { get; set; }

    /// <summary>The VAPID public key (an uncompressed P-256 point, base64url); give it together with <see cref="VapidPrivateKey"/>.</summary>
    /// <remarks>Default: a key pair generated once and kept in <c>vapid.json</c> in the data folder (mode 0600).</remarks>
    public string? VapidPublicKey { get; set; }

    /// <summary>The VAPID private key (32 bytes, base64url). Relays that share a store must share the key pair.</summary>
    /// <remarks>Default: see <see cref="VapidPublicKey"/>.</remarks>
    public string? VapidPrivateKey { get; set; }

    /// <summary>
    /// For tests only: lets push messages go to loopback addresses, over plain http too. Refused at start while the
    /// relay listens beyond loopback, unless <see cref="ForceAllowLoopback"/> is also set.
    /// </summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// For tests only: the push client connects to 127.0.0.1 and ::1 and nothing else, whatever the address policy
    /// allows, so no test can send a push off the machine.
    /// </summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool LoopbackOnly { get; set; }

    /// <summary>Keeps <see cref="AllowLoopback"/> even though the relay listens beyond loopback.</summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool ForceAllowLoopback { get; set; }

    /// <summary>How many wake-ups may wait to be sent; past it the oldest is dropped, so the API never waits.</summary>
    /// <remarks>Default: 10,000.</remarks>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How many wake-ups are sent at the same time, so one slow push service does not hold up the others.</summary>
    /// <remarks>Default: 16.</remarks>
    public int MaxConcurrentSends { get; set; } = 16;

    /// <summary>The longest one delivery attempt may take.</summary>
    /// <remarks>Default: 10 seconds.</remarks>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a wake-up is tried in all when push services answer 429, 5xx or not at all.</summary>
    /// <remarks>Default: 4.</remarks>
    public int MaxAttempts { get; set; } = 4;
}

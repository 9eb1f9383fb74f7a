namespace Tigress.Protocol.Wire;

/// <summary>The HTTP header names of the mailbox binding (docs/protocol.md section 7.2) and the dropbox binding
/// on this project's relay (section 11.8).</summary>
public static class MailboxHeaderNames
{
    /// <summary><c>Mailbox-Request-ID</c>: one UUID per operation, the same on every retry of it.</summary>
    public const string RequestId = "Mailbox-Request-ID";

    /// <summary><c>Mailbox-Device-Claim</c>: the device's secret UUID for the mailbox.</summary>
    public const string DeviceClaim = "Mailbox-Device-Claim";

    /// <summary><c>Mailbox-Device-Attestation</c>: optional opaque evidence about the device.</summary>
    public const string DeviceAttestation = "Mailbox-Device-Attestation";

    /// <summary><c>Prefer</c> (RFC 7240), which carries the long-poll <c>wait</c> (see <see cref="PreferWait"/>).</summary>
    public const string Prefer = "Prefer";

    /// <summary><c>If-None-Match</c> on a read: the message the reader already has (section 7.5).</summary>
    public const string IfNoneMatch = "If-None-Match";

    /// <summary><c>ETag</c> on a read answer: the message count it carries (section 7.5).</summary>
    public const string ETag = "ETag";

    /// <summary><c>Retry-After</c> on <c>429</c> and <c>503</c>: whole seconds to wait, at least 1.</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary><c>Last-Event-ID</c> on a reconnect of the event stream: the id of the last event received (section 8).</summary>
    public const string LastEventId = "Last-Event-ID";
}

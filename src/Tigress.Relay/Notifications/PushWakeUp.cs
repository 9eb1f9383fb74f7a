using System.Text.Json;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Notifications;

/// <summary>
/// One wake-up for one device: which mailbox, what happened, and how the push service should treat it. It never
/// carries a payload or a claim; the device reads the mailbox to learn more.
/// </summary>
public sealed record PushWakeUp
{
    /// <summary>The <c>tokenData</c> the device registered, as it sent it (a JSON string or object).</summary>
    public required JsonElement TokenData { get; init; }

    /// <summary>The mailbox that changed.</summary>
    public required Guid MailboxId { get; init; }

    /// <summary>What happened to it.</summary>
    public required MailboxEventKind Event { get; init; }

    /// <summary>How long the push service may hold the message: never longer than the mailbox has left to live.</summary>
    public required TimeSpan TimeToLive { get; init; }

    /// <summary>A per-mailbox label (at most 32 base64url characters, not the id) under which queued wake-ups replace each other.</summary>
    public required string Topic { get; init; }

    /// <summary>How urgently the device should be woken.</summary>
    public required PushUrgency Urgency { get; init; }

    /// <summary>The small JSON document a push carries: <c>{"mailbox": id, "event": name}</c>.</summary>
    public required string Content { get; init; }
}

using Tigress.Relay.RateLimiting;

namespace Tigress.Relay.Events;

/// <summary>Counts the open event streams of each mailbox in this process; mailboxes without a stream cost nothing.</summary>
internal sealed class EventStreamLimiter : KeyedSlots<Guid>;

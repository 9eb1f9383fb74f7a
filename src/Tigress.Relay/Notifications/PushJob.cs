using Tigress.Relay.Storage;

namespace Tigress.Relay.Notifications;

/// <summary>A wake-up waiting to be sent to one side of one mailbox.</summary>
/// <param name="MailboxId">The mailbox.</param>
/// <param name="Side">The side to wake.</param>
/// <param name="Token">The side's stored token JSON, to find the provider and to forget it if it is gone.</param>
/// <param name="Event">What happened.</param>
/// <param name="Deadline">When the mailbox stops (or stopped) living: the push is worthless after it.</param>
/// <param name="Attempt">How many times it was tried already.</param>
internal sealed record PushJob(Guid MailboxId, MailboxRole Side, byte[] Token, MailboxEventKind Event, DateTimeOffset Deadline, int Attempt = 0)
{
    /// <summary>The client whose request caused it (<c>ClientKey</c>; empty for the sweeper): its share of the queue and the senders.</summary>
    public string Client { get; init; } = string.Empty;

    /// <summary>The push service it goes to (<c>scheme://host:port</c> of the endpoint, or the token type): its share of the senders.</summary>
    public string Origin { get; init; } = string.Empty;

    public PushKey Key => new(MailboxId, Side);
}

/// <summary>One side of one mailbox: at most one wake-up waits per key; a newer one replaces it.</summary>
internal readonly record struct PushKey(Guid MailboxId, MailboxRole Side);

namespace Tigress.Relay.Storage;

/// <summary>What <see cref="IMailboxStore.ReadEventsAsync"/> found.</summary>
public sealed record MailboxEventsResult
{
    /// <summary><see cref="MailboxStatus.Ok"/>, or <see cref="MailboxStatus.NotFound"/> when no live mailbox has the id.</summary>
    public required MailboxStatus Status { get; init; }

    /// <summary>The side the given claim belongs to now, or <see langword="null"/> if it belongs to neither.</summary>
    public MailboxRole? Role { get; init; }

    /// <summary>When the mailbox expires.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The sequence number of the latest event recorded for the mailbox; 0 if none.</summary>
    public long LastSequence { get; init; }

    /// <summary>The events after the requested sequence number, oldest first.</summary>
    public IReadOnlyList<MailboxEvent> Events { get; init; } = [];

    /// <summary>A result with only a status.</summary>
    public static MailboxEventsResult Failed(MailboxStatus status) => new() { Status = status };
}

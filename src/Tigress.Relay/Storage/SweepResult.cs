namespace Tigress.Relay.Storage;

/// <summary>What one expiry sweep removed.</summary>
/// <param name="ExpiredMailboxes">Ids of the mailboxes removed, so waiting clients can be told.</param>
/// <param name="Claimed">How many of them had a bound recipient.</param>
public sealed record SweepResult(IReadOnlyList<Guid> ExpiredMailboxes, int Claimed)
{
    /// <summary>How many of them were never claimed.</summary>
    public int Unclaimed => ExpiredMailboxes.Count - Claimed;

    /// <summary>The notification tokens of the removed mailboxes that had any, read before removal, so both sides can be told.</summary>
    public IReadOnlyList<MailboxTokens> NotificationTokens { get; init; } = [];
}

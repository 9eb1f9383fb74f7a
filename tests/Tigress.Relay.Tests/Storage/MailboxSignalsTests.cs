using Tigress.Relay.Storage;

namespace Tigress.Relay.Tests.Storage;

public sealed class MailboxSignalsTests
{
    [Theory]
    [InlineData(MailboxRole.Initiator)]
    [InlineData(MailboxRole.Recipient)]
    public void PublishDeleted_WatchedMailbox_WakesTheWatchWithTheDeletingSide(MailboxRole side)
    {
        var signals = new MailboxSignals();
        var mailboxId = Guid.NewGuid();
        using var watch = signals.Watch(mailboxId);

        signals.PublishDeleted(mailboxId, side);

        Assert.True(watch.Changed.IsCompletedSuccessfully);
        Assert.Equal(new MailboxChange(MailboxEventKind.Deleted, side), watch.Change);
    }

    [Fact]
    public void Publish_UnnamedChange_WakesTheWatchWithoutAChange()
    {
        var signals = new MailboxSignals();
        var mailboxId = Guid.NewGuid();
        using var watch = signals.Watch(mailboxId);

        signals.Publish(mailboxId);

        Assert.True(watch.Changed.IsCompletedSuccessfully);
        Assert.Null(watch.Change);
    }

    [Fact]
    public void PublishDeleted_ManyUnwatchedMailboxes_KeepsNothingBehind()
    {
        var signals = new MailboxSignals();
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()).ToList();

        // More deletions than any pruning threshold: with nobody watching, none of them leaves state behind.
        foreach (var id in ids)
        {
            signals.PublishDeleted(id, MailboxRole.Initiator);
        }

        Assert.Equal(0, signals.WatchedCount);
        using var late = signals.Watch(ids[^1]);
        Assert.False(late.Changed.IsCompleted);
        Assert.Null(late.Change);
    }
}

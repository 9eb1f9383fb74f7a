using System.Globalization;

namespace Tigress.Client.Mailbox;

/// <summary>One event from a mailbox's event stream (<see cref="MailboxClient.ReadEventsAsync"/>). It carries no
/// content: only what happened, who caused it, and its number in the mailbox's log.</summary>
public sealed class MailboxEvent
{
    internal MailboxEvent(long id, MailboxEventKind kind, MailboxSide? side)
    {
        Id = id;
        Kind = kind;
        Side = side;
    }

    /// <summary>The event's number in the mailbox's log; pass the last one seen as <c>lastEventId</c> to resume.</summary>
    public long Id { get; }

    /// <summary>What happened.</summary>
    public MailboxEventKind Kind { get; }

    /// <summary>The side that caused it, when the relay says (an expiry has none).</summary>
    public MailboxSide? Side { get; }

    /// <summary>For <see cref="MailboxEventKind.PinFailed"/>: how many guesses at the PIN remain.</summary>
    public int? GuessesLeft { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Side is { } side
        ? string.Create(CultureInfo.InvariantCulture, $"#{Id} {Kind} by {side}")
        : string.Create(CultureInfo.InvariantCulture, $"#{Id} {Kind}");
}

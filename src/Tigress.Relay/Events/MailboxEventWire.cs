using System.Text.Json;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Events;

/// <summary>The store's events in their wire form (<see cref="MailboxEventNames"/>, <see cref="MailboxEventMessage"/>):
/// in event streams and in push messages.</summary>
internal static class MailboxEventWire
{
    public static string Of(MailboxEventKind kind) => kind switch
    {
        MailboxEventKind.Claimed => MailboxEventNames.Claimed,
        MailboxEventKind.Updated => MailboxEventNames.Updated,
        MailboxEventKind.Relinquished => MailboxEventNames.Relinquished,
        MailboxEventKind.Deleted => MailboxEventNames.Deleted,
        MailboxEventKind.Expired => MailboxEventNames.Expired,
        MailboxEventKind.PinFailed => MailboxEventNames.PinFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(MailboxRole side) => side switch
    {
        MailboxRole.Initiator => MailboxEventNames.Initiator,
        MailboxRole.Recipient => MailboxEventNames.Recipient,
        _ => throw new ArgumentOutOfRangeException(nameof(side)),
    };

    /// <summary>
    /// The event-stream data of an event: the event, where one did the side that caused it, and for
    /// <c>pin-failed</c> the guesses left.
    /// </summary>
    public static string Json(MailboxEventKind kind, MailboxRole? side, int? guessesLeft = null) =>
        JsonSerializer.Serialize(
            new MailboxEventMessage { Event = Of(kind), Side = side is { } who ? Of(who) : null, GuessesLeft = guessesLeft },
            WireJsonContext.Default.MailboxEventMessage);

    /// <summary>What a push carries: the mailbox and the event, never a payload.</summary>
    public static string PushContent(Guid mailboxId, MailboxEventKind kind) =>
        JsonSerializer.Serialize(new MailboxEventMessage { Mailbox = mailboxId, Event = Of(kind) }, WireJsonContext.Default.MailboxEventMessage);
}

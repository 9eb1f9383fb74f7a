using Tigress.Relay.Storage;

namespace Tigress.Relay.Events;

/// <summary>The names events and sides have on the wire, in event streams and in push messages.</summary>
internal static class MailboxEventNames
{
    public static string Of(MailboxEventKind kind) => kind switch
    {
        MailboxEventKind.Claimed => "claimed",
        MailboxEventKind.Updated => "updated",
        MailboxEventKind.Relinquished => "relinquished",
        MailboxEventKind.Deleted => "deleted",
        MailboxEventKind.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(MailboxRole side) => side switch
    {
        MailboxRole.Initiator => "initiator",
        MailboxRole.Recipient => "recipient",
        _ => throw new ArgumentOutOfRangeException(nameof(side)),
    };

    /// <summary>The small JSON object an event carries: the event and, where one did, the side that caused it.</summary>
    public static string Json(MailboxEventKind kind, MailboxRole? side) => side is { } who
        ? $$"""{"event":"{{Of(kind)}}","side":"{{Of(who)}}"}"""
        : $$"""{"event":"{{Of(kind)}}"}""";
}

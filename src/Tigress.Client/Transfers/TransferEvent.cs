namespace Tigress.Client.Transfers;

/// <summary>One step of a transfer, reported to <see cref="TransferSessionOptions.EventOccurred"/>. Events never carry
/// message content or secrets.</summary>
public sealed class TransferEvent
{
    internal TransferEvent(TransferEventKind kind, TransferRole role, int? sequence = null, string? format = null, string? reason = null, DateTimeOffset? deadline = null)
    {
        Deadline = deadline;
        Kind = kind;
        Role = role;
        Sequence = sequence;
        Format = format;
        Reason = reason;
    }

    /// <summary>What happened.</summary>
    public TransferEventKind Kind { get; }

    /// <summary>This device's side.</summary>
    public TransferRole Role { get; }

    /// <summary>For <see cref="TransferEventKind.MessageSent"/> and <see cref="TransferEventKind.MessageReceived"/>:
    /// the message's number in its direction, from 0.</summary>
    public int? Sequence { get; }

    /// <summary>The message's format, for <see cref="TransferEventKind.MessageSent"/> and <see cref="TransferEventKind.MessageReceived"/>.</summary>
    public string? Format { get; }

    /// <summary>For <see cref="TransferEventKind.Cancelled"/> and <see cref="TransferEventKind.Failed"/>: why.</summary>
    public string? Reason { get; }

    /// <summary>For <see cref="TransferEventKind.Waiting"/> on the dropbox binding: when this side stops waiting and the
    /// transfer ends as expired.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>For <see cref="TransferEventKind.PinGuessFailed"/>: how many guesses at the PIN remain.</summary>
    public int? GuessesLeft { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Sequence is { } n ? $"{Kind} #{n} ({Format})" : Kind.ToString();
}

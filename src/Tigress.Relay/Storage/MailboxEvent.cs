namespace Tigress.Relay.Storage;

/// <summary>One entry of a mailbox's event log: what happened, and which side caused it.</summary>
/// <param name="Sequence">The entry's number within its mailbox, from 1, increasing by one per event.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Side">The side that caused it, or <see langword="null"/> where no side did.</param>
public readonly record struct MailboxEvent(long Sequence, MailboxEventKind Kind, MailboxRole? Side)
{
    /// <summary>For <see cref="MailboxEventKind.PinFailed"/>: the guesses the wrong proof left; 0 means the mailbox locked.</summary>
    /// <remarks>Default: <see langword="null"/>, for every other kind.</remarks>
    public int? GuessesLeft { get; init; }
}

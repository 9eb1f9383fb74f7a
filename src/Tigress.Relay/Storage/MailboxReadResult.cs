namespace Tigress.Relay.Storage;

/// <summary>What a read found.</summary>
public sealed record MailboxReadResult
{
    /// <summary>
    /// How the read ended; the other members are meaningful only for <see cref="MailboxStatus.Ok"/>, except those
    /// <see cref="MailboxStatus.WrongPin"/> names.
    /// </summary>
    /// <remarks>A read is never <see cref="MailboxStatus.Replayed"/>: see <see cref="Replayed"/>.</remarks>
    public required MailboxStatus Status { get; init; }

    /// <summary>The reader's side.</summary>
    public MailboxRole Role { get; init; }

    /// <summary>Whether this read bound the reader as the recipient.</summary>
    public bool NewlyBound { get; init; }

    /// <summary>The display information JSON.</summary>
    public byte[] DisplayInformation { get; init; } = [];

    /// <summary>When the mailbox expires.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The latest message from the other side, if it wrote one.</summary>
    public StoredPayload? OtherPayload { get; init; }

    /// <summary>How many messages the other side has written so far; the read's ETag.</summary>
    public long OtherSequence { get; init; }

    /// <summary>The initiator's notification token, so the relay can tell it about a new claim or a wrong PIN proof.</summary>
    public byte[]? InitiatorToken { get; init; }

    /// <summary>
    /// Whether this request id bound the claim before: the read was executed again on the mailbox as it is now
    /// (a read changes nothing but that binding), and the relay answers it as a replay (<c>201</c>).
    /// </summary>
    public bool Replayed { get; init; }

    /// <summary>
    /// For <see cref="MailboxStatus.WrongPin"/>: how many guesses the proof left (0: the mailbox is now locked). With
    /// it come <see cref="Replayed"/> (a repeat answered from the record, which spent nothing), and for a guess spent
    /// now <see cref="ExpiresAt"/> and <see cref="InitiatorToken"/>, so the relay can wake the initiator.
    /// </summary>
    public int GuessesLeft { get; init; }

    /// <summary>A result with only a status.</summary>
    public static MailboxReadResult Failed(MailboxStatus status) => new() { Status = status };
}

using System.ComponentModel;

namespace Tigress.Relay.Storage;

/// <summary>What <see cref="IMailboxStore.ReadPinKeyAsync"/> found: the key the relay evaluates a blinded PIN with.</summary>
public sealed record MailboxPinKeyResult
{
    /// <summary>
    /// <see cref="MailboxStatus.Ok"/>, <see cref="MailboxStatus.NotFound"/>, <see cref="MailboxStatus.NotPinProtected"/>,
    /// <see cref="MailboxStatus.WrongClaim"/> (a recipient is bound and this claim belongs to neither side) or
    /// <see cref="MailboxStatus.PinLocked"/>.
    /// </summary>
    public required MailboxStatus Status { get; init; }

    /// <summary>The mailbox's OPRF key, for <see cref="MailboxStatus.Ok"/>; the caller clears it after use.</summary>
    public byte[]? OprfKey { get; init; }

    /// <summary>How many wrong proofs the mailbox still accepts, for <see cref="MailboxStatus.Ok"/>.</summary>
    public int GuessesLeft { get; init; }

    /// <summary>A result with only a status.</summary>
    public static MailboxPinKeyResult Failed(MailboxStatus status) => new() { Status = status };

    /// <summary>Never prints the key.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"MailboxPinKeyResult({Status}, {GuessesLeft} guesses left)";
}

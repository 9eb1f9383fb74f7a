namespace Tigress.Relay.Storage;

/// <summary>A read (and possibly a claim) of a mailbox.</summary>
/// <param name="MailboxId">The mailbox.</param>
/// <param name="Claim">Hash of the reader's claim.</param>
/// <param name="Now">The relay's clock, for exact expiry.</param>
/// <param name="RequestId">The read's <c>Mailbox-Request-ID</c>, to find an earlier answer.</param>
/// <param name="NotificationToken">A notification token the reader registers, as JSON, or <see langword="null"/>.</param>
public sealed record MailboxRead(Guid MailboxId, ClaimHash Claim, DateTimeOffset Now, Guid RequestId, byte[]? NotificationToken);

namespace Tigress.Relay.Storage;

/// <summary>The notification tokens of both sides of a mailbox, as the JSON the relay stored.</summary>
/// <param name="MailboxId">The mailbox.</param>
/// <param name="InitiatorToken">The initiator's token, or <see langword="null"/>.</param>
/// <param name="RecipientToken">The recipient's token, or <see langword="null"/>.</param>
public sealed record MailboxTokens(Guid MailboxId, byte[]? InitiatorToken, byte[]? RecipientToken);

namespace Tigress.Relay.Storage;

/// <summary>The first answer to a request, kept for replays.</summary>
/// <param name="MailboxId">The mailbox the request concerned.</param>
/// <param name="Operation">What the request did.</param>
/// <param name="Body">The JSON body of the first answer.</param>
public sealed record StoredResponse(Guid MailboxId, MailboxOperation Operation, byte[] Body);

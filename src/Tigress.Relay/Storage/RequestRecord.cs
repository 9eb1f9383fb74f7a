namespace Tigress.Relay.Storage;

/// <summary>
/// The idempotency record of one request: a repeated <c>Mailbox-Request-ID</c> from the same claim is answered
/// with <paramref name="Body"/> instead of being executed again.
/// </summary>
/// <param name="Claim">Hash of the claim that sent the request.</param>
/// <param name="RequestId">The request's <c>Mailbox-Request-ID</c>.</param>
/// <param name="Operation">What the request did.</param>
/// <param name="Body">The JSON body of the first answer.</param>
public sealed record RequestRecord(ClaimHash Claim, Guid RequestId, MailboxOperation Operation, byte[] Body);

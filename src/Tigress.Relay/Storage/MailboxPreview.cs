namespace Tigress.Relay.Storage;

/// <summary>What the public preview page shows.</summary>
/// <param name="DisplayInformation">The display information JSON.</param>
/// <param name="ExpiresAt">When the mailbox expires.</param>
public sealed record MailboxPreview(byte[] DisplayInformation, DateTimeOffset ExpiresAt);

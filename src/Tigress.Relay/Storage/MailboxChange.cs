namespace Tigress.Relay.Storage;

/// <summary>
/// What woke a <see cref="MailboxWatch"/>: the change a store made, and the side that made it. It travels with the
/// wake-up, so a watcher knows who deleted a mailbox whose event log went with it.
/// </summary>
/// <param name="Kind">What happened to the mailbox.</param>
/// <param name="Side">The side that made the change, or <see langword="null"/> where no side did (an expiry).</param>
public readonly record struct MailboxChange(MailboxEventKind Kind, MailboxRole? Side);

using Tigress.Relay.Storage;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Turns what happened to a mailbox into wake-ups for the sides that registered a token of a supported type
/// (docs/protocol.md section 10): the other side when one writes, the initiator when a recipient claims or a wrong PIN
/// proof spends a guess, both sides when the mailbox is deleted or expires. Only queues them; <see cref="PushDispatcher"/> sends.
/// </summary>
internal sealed class MailboxNotifier(PushProviders providers, PushQueue queue)
{
    public void Claimed(Guid mailboxId, byte[]? initiatorToken, DateTimeOffset expiresAt) =>
        Notify(mailboxId, MailboxRole.Initiator, initiatorToken, MailboxEventKind.Claimed, expiresAt);

    /// <summary>A wrong proof of the relay-assisted PIN spent a guess: the initiator hears of it as of a claim.</summary>
    public void PinFailed(Guid mailboxId, byte[]? initiatorToken, DateTimeOffset expiresAt) =>
        Notify(mailboxId, MailboxRole.Initiator, initiatorToken, MailboxEventKind.PinFailed, expiresAt);

    public void Updated(Guid mailboxId, MailboxRole writer, MailboxWriteResult result)
    {
        var (other, token) = writer == MailboxRole.Initiator
            ? (MailboxRole.Recipient, result.RecipientToken)
            : (MailboxRole.Initiator, result.InitiatorToken);
        Notify(mailboxId, other, token, MailboxEventKind.Updated, result.ExpiresAt);
    }

    public void Deleted(Guid mailboxId, MailboxWriteResult result)
    {
        Notify(mailboxId, MailboxRole.Initiator, result.InitiatorToken, MailboxEventKind.Deleted, result.ExpiresAt);
        Notify(mailboxId, MailboxRole.Recipient, result.RecipientToken, MailboxEventKind.Deleted, result.ExpiresAt);
    }

    /// <summary>An expired mailbox has no life left: its wake-ups go out with a TTL of zero.</summary>
    public void Expired(MailboxTokens tokens, DateTimeOffset now)
    {
        Notify(tokens.MailboxId, MailboxRole.Initiator, tokens.InitiatorToken, MailboxEventKind.Expired, now);
        Notify(tokens.MailboxId, MailboxRole.Recipient, tokens.RecipientToken, MailboxEventKind.Expired, now);
    }

    private void Notify(Guid mailboxId, MailboxRole side, byte[]? token, MailboxEventKind kind, DateTimeOffset deadline)
    {
        if (token is not null && providers.ForStoredToken(token) is not null)
        {
            queue.Enqueue(new PushJob(mailboxId, side, token, kind, deadline));
        }
    }
}

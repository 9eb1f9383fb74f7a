namespace Tigress.Client.Mailbox;

/// <summary>The relay's answer to a create: where the mailbox lives.</summary>
public sealed class CreateMailboxResult
{
    internal CreateMailboxResult(Uri mailboxUri, bool isPushNotificationSupported, bool isReplay)
    {
        MailboxUri = mailboxUri;
        IsPushNotificationSupported = isPushNotificationSupported;
        IsReplay = isReplay;
    }

    /// <summary>The mailbox's request URL (the relay's <c>urlLink</c>); a share URL is this plus the vertical
    /// and the secret.</summary>
    public Uri MailboxUri { get; }

    /// <summary>Whether the relay will push notifications to the token given on create.</summary>
    public bool IsPushNotificationSupported { get; }

    /// <summary>True when the relay answered from its record of an earlier attempt with the same request id
    /// (status 201): the first response was lost, the mailbox was created once.</summary>
    public bool IsReplay { get; }
}

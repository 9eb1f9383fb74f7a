using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Mailbox;

/// <summary>The answer to a read: the other side's latest sealed message with the preview the relay holds, or
/// a note that there is nothing (new).</summary>
public sealed class MailboxReadResult
{
    internal MailboxReadResult(
        MailboxReadStatus status,
        DisplayInformation? displayInformation = null,
        SecurePayload? payload = null,
        DateTimeOffset? expiration = null,
        string? etag = null,
        bool isReplay = false)
    {
        Status = status;
        DisplayInformation = displayInformation;
        Payload = payload;
        Expiration = expiration;
        ETag = etag;
        IsReplay = isReplay;
    }

    /// <summary>Whether a message came back.</summary>
    public MailboxReadStatus Status { get; }

    /// <summary>The preview as the relay serves it; compare it with the initiator's sealed copy (docs/protocol.md section 5.1).</summary>
    public DisplayInformation? DisplayInformation { get; }

    /// <summary>The other side's latest sealed message, when <see cref="Status"/> is <see cref="MailboxReadStatus.Message"/>.</summary>
    public SecurePayload? Payload { get; }

    /// <summary>When the mailbox expires, as the relay reports it.</summary>
    public DateTimeOffset? Expiration { get; }

    /// <summary>The message's <c>ETag</c>, for the next read's <see cref="MailboxReadOptions.IfNoneMatch"/>; absent on a replay.</summary>
    public string? ETag { get; }

    /// <summary>True when the relay answered from its record of an earlier attempt with the same request id.</summary>
    public bool IsReplay { get; }
}

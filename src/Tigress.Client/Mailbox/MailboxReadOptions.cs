namespace Tigress.Client.Mailbox;

/// <summary>How to read a mailbox: conditionally, with a long poll, and with a token to register.</summary>
public sealed class MailboxReadOptions
{
    /// <summary>The <c>ETag</c> of the last message seen; the relay then answers "not modified" until the other
    /// side writes again.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>How long the relay may hold the read waiting for the other side to write (<c>Prefer: wait</c>).</summary>
    /// <remarks>Defaults to zero (answer at once); the relay caps it at 60 seconds.</remarks>
    public TimeSpan Wait { get; init; }

    /// <summary>A notification token to register for this side, if any.</summary>
    public NotificationToken? NotificationToken { get; init; }

    /// <summary>The request id to use; a fresh one when <see langword="null"/>. Retries of this read inside the
    /// client always reuse it.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>The proof of a relay-assisted PIN, which a device that has not claimed the mailbox yet must give to read
    /// one protected by it (docs/protocol.md section 12.6).</summary>
    /// <remarks>Defaults to empty: no proof.</remarks>
    public ReadOnlyMemory<byte> PinProof { get; init; }
}

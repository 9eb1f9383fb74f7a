using System.Text.Json;
using System.Text.Json.Serialization;
using Tigress.Client.Dropbox;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Client.Transfers;

/// <summary>
/// Everything a transfer needs to resume, as the JSON document behind <see cref="TransferState"/>. It holds the share
/// key and the device claim (mailbox binding) or the invitation's R and the plaintexts of the exchange (dropbox
/// binding), so it is as secret as the credential.
/// </summary>
internal sealed class TransferStateDocument
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; set; } = CurrentVersion;

    /// <summary>Absent in documents written before the dropbox binding existed: those are mailbox transfers.</summary>
    [JsonPropertyName("binding")]
    public TransferBinding Binding { get; set; }

    [JsonPropertyName("role")]
    public TransferRole Role { get; set; }

    [JsonPropertyName("status")]
    public TransferStatus Status { get; set; }

    /// <summary>Initiator: the relay's base URL, for the create.</summary>
    [JsonPropertyName("relayUri")]
    public Uri? RelayUri { get; set; }

    /// <summary>The mailbox's request URL, once known.</summary>
    [JsonPropertyName("mailboxUri")]
    public Uri? MailboxUri { get; set; }

    [JsonPropertyName("shareVertical")]
    public ShareVertical ShareVertical { get; set; }

    /// <summary>Mailbox binding: the share key, base64url. Secret.</summary>
    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    /// <summary>Mailbox binding: this device's claim. Secret.</summary>
    [JsonPropertyName("claim")]
    public Guid Claim { get; set; }

    /// <summary>A PIN share: the link carries <c>p=1</c>, and the first messages are the PIN exchange.</summary>
    [JsonPropertyName("requiresPin")]
    public bool RequiresPin { get; set; }

    /// <summary>How the share is protected by a PIN; absent in documents from before the relay-assisted PIN, where
    /// <see cref="RequiresPin"/> means SPAKE2.</summary>
    [JsonPropertyName("pinProtection")]
    public PinProtection? PinMode { get; set; }

    /// <summary>The relay-assisted PIN's part, for such shares (mailbox binding).</summary>
    [JsonPropertyName("relayPin")]
    public RelayPinStateDocument? RelayPin { get; set; }

    /// <summary>How the share is protected by a PIN, for documents of every age.</summary>
    [JsonIgnore]
    public PinProtection PinKind => PinMode ?? (RequiresPin ? PinProtection.Spake2 : PinProtection.None);

    /// <summary>The PIN exchange while it runs; null before a PIN share starts, once it ended, and for other shares. Secret.</summary>
    [JsonPropertyName("pin")]
    public PinStateDocument? Pin { get; set; }

    /// <summary>The PIN session key, base64url, once the PIN matched; every later message is sealed under it first. Secret.</summary>
    [JsonPropertyName("pinSessionKey")]
    public string? PinSessionKey { get; set; }

    /// <summary>Dropbox binding: the invitation, the transcript and the lock cookies. Secret.</summary>
    [JsonPropertyName("dropbox")]
    public DropboxStateDocument? Dropbox { get; set; }

    [JsonPropertyName("format")]
    public string? Format { get; set; }

    /// <summary>Messages this side has delivered.</summary>
    [JsonPropertyName("sent")]
    public int Sent { get; set; }

    /// <summary>Messages from the other side this side has handled.</summary>
    [JsonPropertyName("received")]
    public int Received { get; set; }

    /// <summary>The ETag of the last message processed, for conditional reads.</summary>
    [JsonPropertyName("etag")]
    public string? ETag { get; set; }

    [JsonPropertyName("peerSeen")]
    public bool PeerSeen { get; set; }

    /// <summary>Initiator: when the relay said a device claimed the share, until its first message came.</summary>
    [JsonPropertyName("claimedAt")]
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Initiator of a SPAKE2 PIN share: an unanswered claim was reported.</summary>
    [JsonPropertyName("claimUnansweredReported")]
    public bool ClaimUnansweredReported { get; set; }

    [JsonPropertyName("displayInformation")]
    public DisplayInformation? DisplayInformation { get; set; }

    [JsonPropertyName("expiration")]
    public DateTimeOffset? Expiration { get; set; }

    /// <summary>Initiator: the notification token to register on create.</summary>
    [JsonPropertyName("notificationToken")]
    public NotificationTokenMessage? NotificationToken { get; set; }

    [JsonPropertyName("pending")]
    public PendingOperation? Pending { get; set; }

    [JsonPropertyName("verticalState")]
    public JsonElement? VerticalState { get; set; }

    /// <summary>Recipient: the credential, kept until the acknowledgement is through.</summary>
    [JsonPropertyName("result")]
    public byte[]? Result { get; set; }

    [JsonPropertyName("cancelReason")]
    public string? CancelReason { get; set; }

    [JsonPropertyName("cancelledByPeer")]
    public bool CancelledByPeer { get; set; }

    [JsonPropertyName("failure")]
    public TransferError? Failure { get; set; }

    [JsonPropertyName("failureMessage")]
    public string? FailureMessage { get; set; }

    /// <summary>A relay-assisted PIN share that failed for a wrong PIN: the guesses the relay still allows (0: locked).</summary>
    [JsonPropertyName("failureGuessesLeft")]
    public int? FailureGuessesLeft { get; set; }

    /// <summary>Hands a snapshot to the application's <see cref="TransferSessionOptions.StateChanged"/>, if it wants one.</summary>
    public async ValueTask SaveAsync(TransferSessionOptions options, CancellationToken cancellationToken)
    {
        if (options.StateChanged is { } stateChanged)
        {
            await stateChanged(TransferState.From(this), cancellationToken).ConfigureAwait(false);
        }
    }
}

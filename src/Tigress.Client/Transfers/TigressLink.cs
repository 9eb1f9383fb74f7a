using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Tigress.Protocol;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;

namespace Tigress.Client.Transfers;

/// <summary>
/// A link a recipient was given: a mailbox share URL (<c>https://{relay}/v1/m/{id}?v=a#{secret}</c>) or an HTTP
/// dropbox invitation (<c>https://{server}/d/#v=1&amp;s=1301&amp;r={R}</c>). Hand it to
/// <see cref="TransferSession.Receive(TigressClient, TigressLink, ReadOnlySpan{char}, TransferSessionOptions?)"/>.
/// </summary>
/// <remarks>
/// The two are told apart by the fragment: an invitation's starts with <c>v=</c>, which a share URL's base64url key
/// never holds. The instance owns the secret; dispose it to clear it. <see cref="ToString"/> redacts the secret, and no
/// error message quotes the link.
/// </remarks>
public sealed class TigressLink : IDisposable
{
    private readonly ShareUrl? _shareUrl;
    private readonly DropboxInvitation? _invitation;

    private TigressLink(ShareUrl? shareUrl, DropboxInvitation? invitation)
    {
        _shareUrl = shareUrl;
        _invitation = invitation;
    }

    /// <summary>The binding the link is for.</summary>
    public TransferBinding Binding => _shareUrl is null ? TransferBinding.Dropbox : TransferBinding.Mailbox;

    /// <summary>True when the share is PIN-protected (<c>p=1</c> or <c>p=2</c>): ask the person for the PIN before receiving.</summary>
    public bool RequiresPin => _shareUrl?.RequiresPin ?? _invitation!.RequiresPin;

    /// <summary>How the share is protected by a PIN: <c>p=1</c> (SPAKE2), <c>p=2</c> (relay-assisted), or not at all.</summary>
    public Protocol.Mailbox.PinProtection PinProtection => _shareUrl?.Pin
        ?? (_invitation!.RequiresPin ? Protocol.Mailbox.PinProtection.Spake2 : Protocol.Mailbox.PinProtection.None);

    /// <summary>The vertical the share URL's <c>v</c> hint names; null for a dropbox invitation, which carries no hint
    /// (the first message tells, see <see cref="TransferOffer.Vertical"/>).</summary>
    public ShareVertical? Vertical => _shareUrl?.Vertical;

    /// <summary>Where requests go, without the secret: the mailbox's URL, or the dropbox's base URL.</summary>
    public Uri Address => _shareUrl?.MailboxUri ?? _invitation!.BaseUri;

    internal ShareUrl? ShareUrl => _shareUrl;

    internal DropboxInvitation? Invitation => _invitation;

    /// <summary>Reads a link.</summary>
    /// <exception cref="TigressProtocolException">The link is neither a well-formed share URL nor a well-formed dropbox
    /// invitation (<see cref="ProtocolErrorCodes.MalformedUrl"/>, <see cref="ProtocolErrorCodes.InvalidSecret"/>, ...).
    /// The message never quotes the link.</exception>
    public static TigressLink Parse(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return TryParseCore(link, out var result) is { } error ? throw error : result!;
    }

    /// <summary>Reads a link; false when it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? link, [NotNullWhen(true)] out TigressLink? result)
    {
        result = null;
        return link is not null && TryParseCore(link, out result) is null;
    }

    /// <summary>Wraps the share URL a mailbox initiator hands out; takes ownership of it.</summary>
    internal static TigressLink From(ShareUrl shareUrl) => new(shareUrl, null);

    /// <summary>Wraps the invitation a dropbox initiator hands out; takes ownership of it.</summary>
    internal static TigressLink From(DropboxInvitation invitation) => new(null, invitation);

    /// <summary>The complete link, secret included, to hand to the recipient (and to nobody else).</summary>
    public string Reveal() => _shareUrl?.GetLink() ?? _invitation!.RevealUrl();

    /// <summary>Clears the secret.</summary>
    public void Dispose()
    {
        _shareUrl?.Dispose();
        _invitation?.Dispose();
    }

    /// <summary>The link with its secret replaced by a placeholder.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => _shareUrl?.ToString() ?? _invitation!.ToString();

    private static TigressProtocolException? TryParseCore(string link, out TigressLink? result)
    {
        result = null;
        link = link.Trim();
        var fragment = link.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0 && link.AsSpan(fragment + 1).StartsWith("v=", StringComparison.Ordinal))
        {
            try
            {
                result = new TigressLink(null, DropboxInvitation.Parse(link));
                return null;
            }
            catch (TigressProtocolException exception)
            {
                return exception;
            }
        }

        ShareUrl shareUrl;
        try
        {
            shareUrl = ShareUrl.Parse(link);
        }
        catch (TigressProtocolException exception)
        {
            return exception;
        }

        if (!IsMailboxId(shareUrl.MailboxId))
        {
            // A relay names its mailboxes with lower-case UUIDs; anything else was damaged on the way, and the relay
            // would only answer that no such mailbox exists.
            shareUrl.Dispose();
            return new TigressProtocolException(
                ProtocolErrorCodes.MalformedUrl,
                "The link's mailbox id is not one a relay gives out (a lower-case UUID): the link is damaged or was cut.");
        }

        result = new TigressLink(shareUrl, null);
        return null;
    }

    private static bool IsMailboxId(string segment) =>
        Guid.TryParseExact(segment, "D", out var id) && string.Equals(segment, id.ToString("D"), StringComparison.Ordinal);
}

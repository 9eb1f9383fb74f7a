using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Tigress.Protocol.Mailbox;

/// <summary>
/// A mailbox share URL, <c>https://{relay}/v1/m/{id}?v={a|h|c}[&amp;p=1|2]#{secret}</c> (docs/protocol.md section 3). The secret
/// lives in the fragment, which is never sent to the relay: requests go to <see cref="MailboxUri"/>.
/// </summary>
/// <remarks>
/// | Part       | Value                                                                    |
/// |------------|--------------------------------------------------------------------------|
/// | scheme     | https; http only to a loopback host                                      |
/// | path       | any prefix, then <c>/v1/m/{id}</c>                                       |
/// | v          | <c>a</c> (default, may be absent), <c>h</c> or <c>c</c>                 |
/// | p          | <c>1</c> or <c>2</c> when the share is PIN-protected (<see cref="PinProtection"/>) |
/// | fragment   | the AES key, 16 or 32 bytes: base64url without padding when written;    |
/// |            | base64url or padded standard base64 accepted when read                   |
/// The instance owns its <see cref="Key"/>; dispose it to clear the key.
/// </remarks>
public sealed class ShareUrl : IDisposable
{
    private const string MailboxPathMarker = "/v1/m/";
    private const int MaxMailboxIdLength = 128;

    private ShareUrl(Uri mailboxUri, string mailboxId, ShareVertical vertical, PinProtection pin, ShareKey key)
    {
        MailboxUri = mailboxUri;
        MailboxId = mailboxId;
        Vertical = vertical;
        Pin = pin;
        Key = key;
    }

    /// <summary>The mailbox's request URL, <c>https://{relay}/v1/m/{id}</c>, without query or fragment.</summary>
    public Uri MailboxUri { get; }

    /// <summary>The mailbox identifier, the last path segment.</summary>
    public string MailboxId { get; }

    /// <summary>The vertical hint from the <c>v</c> parameter.</summary>
    public ShareVertical Vertical { get; }

    /// <summary>True when the URL carries <c>p=1</c> or <c>p=2</c>: the recipient must ask for a PIN.</summary>
    public bool RequiresPin => Pin != PinProtection.None;

    /// <summary>How the share is protected by a PIN, from the <c>p</c> parameter.</summary>
    public PinProtection Pin { get; }

    /// <summary>The AES key from the fragment.</summary>
    public ShareKey Key { get; }

    /// <summary>Builds a share URL from the relay's <c>urlLink</c> and a key; the key is copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="mailboxUri"/> is not an allowed absolute mailbox URL
    /// ending in <c>/v1/m/{id}</c>, or has a query or fragment.</exception>
    public static ShareUrl Create(
        Uri mailboxUri,
        ShareKey key,
        ShareVertical vertical = ShareVertical.GeneralAccess,
        bool requiresPin = false) =>
        Create(mailboxUri, key, vertical, requiresPin ? PinProtection.Spake2 : PinProtection.None);

    /// <summary>Builds a share URL from the relay's <c>urlLink</c>, a key and the share's PIN protection; the key is copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="mailboxUri"/> is not an allowed absolute mailbox URL
    /// ending in <c>/v1/m/{id}</c>, or has a query or fragment.</exception>
    public static ShareUrl Create(Uri mailboxUri, ShareKey key, ShareVertical vertical, PinProtection pin)
    {
        ArgumentNullException.ThrowIfNull(mailboxUri);
        ArgumentNullException.ThrowIfNull(key);
        if (!Enum.IsDefined(vertical))
        {
            throw new ArgumentOutOfRangeException(nameof(vertical));
        }

        if (!Enum.IsDefined(pin))
        {
            throw new ArgumentOutOfRangeException(nameof(pin));
        }

        if (!mailboxUri.IsAbsoluteUri || mailboxUri.UserInfo.Length > 0 || mailboxUri.Query.Length > 0
            || mailboxUri.Fragment.Length > 0 || TryGetMailboxId(mailboxUri) is not { } mailboxId)
        {
            throw Error.Argument_NotAbsoluteMailboxUri(nameof(mailboxUri));
        }

        if (!RelayTransport.IsPermitted(mailboxUri))
        {
            throw Error.Argument_InsecureUri(nameof(mailboxUri));
        }

        return new ShareUrl(mailboxUri, mailboxId, vertical, pin, ShareKey.Import(key.AsSpan()));
    }

    /// <summary>True when <paramref name="mailboxUri"/> can be a mailbox's request URL: absolute, https (or http
    /// to loopback), ending in <c>/v1/m/{id}</c>, without user info, query or fragment.</summary>
    public static bool IsMailboxUri(Uri mailboxUri)
    {
        ArgumentNullException.ThrowIfNull(mailboxUri);
        return mailboxUri.IsAbsoluteUri
            && RelayTransport.IsPermitted(mailboxUri)
            && mailboxUri.UserInfo.Length == 0
            && mailboxUri.Query.Length == 0
            && mailboxUri.Fragment.Length == 0
            && TryGetMailboxId(mailboxUri) is not null;
    }

    /// <summary>Reads a share URL.</summary>
    /// <exception cref="TigressProtocolException">The URL is malformed (<see cref="ProtocolErrorCodes.MalformedUrl"/>)
    /// or its secret is missing or invalid (<see cref="ProtocolErrorCodes.InvalidSecret"/>).</exception>
    public static ShareUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return TryParseCore(url, out var shareUrl) is { } error ? throw error : shareUrl!;
    }

    /// <summary>Reads a share URL; false when it is malformed or its secret is invalid.</summary>
    public static bool TryParse([NotNullWhen(true)] string? url, [NotNullWhen(true)] out ShareUrl? shareUrl)
    {
        if (url is null)
        {
            shareUrl = null;
            return false;
        }

        return TryParseCore(url, out shareUrl) is null;
    }

    /// <summary>The complete link, secret included, to hand to the recipient (and to nobody else).</summary>
    public string GetLink()
    {
        var key = Key.AsSpan();
        var secret = Base64Url.EncodeToString(key);
        return $"{MailboxUri.AbsoluteUri}?v={(char)Vertical}{PinParameter}#{secret}";
    }

    /// <summary>Clears the key.</summary>
    public void Dispose() => Key.Dispose();

    /// <summary>The link with its secret replaced by a placeholder.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"{MailboxUri.AbsoluteUri}?v={(char)Vertical}{PinParameter}#[secret]";

    private string PinParameter => Pin == PinProtection.None ? string.Empty : $"&p={(int)Pin}";

    private static TigressProtocolException? TryParseCore(string url, out ShareUrl? shareUrl)
    {
        shareUrl = null;

        // Messages never quote the URL: it holds the secret.
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return Error.MalformedUrl("it is not an absolute https URL.");
        }

        if (!RelayTransport.IsPermitted(uri))
        {
            return Error.MalformedUrl("it must use https (plain http is allowed only to a loopback address).");
        }

        if (uri.UserInfo.Length > 0)
        {
            return Error.MalformedUrl("it must not carry a user name or password.");
        }

        if (TryGetMailboxId(uri) is not { } mailboxId)
        {
            return Error.MalformedUrl("its path does not end in /v1/m/{id}.");
        }

        if (ReadQuery(uri.Query, out var vertical, out var pin) is { } queryError)
        {
            return queryError;
        }

        if (ReadSecret(uri.Fragment, out var key) is { } secretError)
        {
            return secretError;
        }

        var mailboxUri = new Uri(uri.GetLeftPart(UriPartial.Path), UriKind.Absolute);
        shareUrl = new ShareUrl(mailboxUri, mailboxId, vertical, pin, key!);
        return null;
    }

    private static string? TryGetMailboxId(Uri uri)
    {
        var path = uri.AbsolutePath;
        var marker = path.LastIndexOf(MailboxPathMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var id = path[(marker + MailboxPathMarker.Length)..];
        if (id.Length is 0 or > MaxMailboxIdLength)
        {
            return null;
        }

        // RFC 3986 unreserved characters only: the id is a single path segment and needs no escaping.
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return null;
            }
        }

        return id;
    }

    private static TigressProtocolException? ReadQuery(string query, out ShareVertical vertical, out PinProtection pin)
    {
        vertical = ShareVertical.GeneralAccess;
        pin = PinProtection.None;
        bool seenVertical = false, seenPin = false;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name)
            {
                case "v":
                    if (seenVertical)
                    {
                        return Error.MalformedUrl("the v parameter appears twice.");
                    }

                    seenVertical = true;
                    if (value is not ("a" or "h" or "c"))
                    {
                        return Error.MalformedUrl("the v parameter must be a, h or c.");
                    }

                    vertical = (ShareVertical)value[0];
                    break;
                case "p":
                    if (seenPin)
                    {
                        return Error.MalformedUrl("the p parameter appears twice.");
                    }

                    seenPin = true;
                    if (value is not ("0" or "1" or "2"))
                    {
                        return Error.MalformedUrl("the p parameter must be 1 or 2.");
                    }

                    pin = (PinProtection)(value[0] - '0');
                    break;
                default:
                    // Parameters from later profiles: ignored, so older clients keep working.
                    break;
            }
        }

        return null;
    }

    private static TigressProtocolException? ReadSecret(string fragment, out ShareKey? key)
    {
        key = null;
        var text = Uri.UnescapeDataString(fragment.TrimStart('#'));
        if (text.Length == 0)
        {
            return Error.InvalidSecret("the URL has no secret after '#'.");
        }

        // Standard base64 must be padded; base64url may be. The two alphabets may not be mixed.
        var standard = text.AsSpan().IndexOfAny('+', '/') >= 0;
        var urlSafe = text.AsSpan().IndexOfAny('-', '_') >= 0;
        if (standard && urlSafe)
        {
            return Error.InvalidSecret("it mixes the base64 and base64url alphabets.");
        }

        var unpadded = text.AsSpan().TrimEnd('=');
        foreach (var c in unpadded)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_'))
            {
                return Error.InvalidSecret("it is not base64url or base64.");
            }
        }

        var padding = text.Length - unpadded.Length;
        if (padding > 2 || (padding > 0 && text.Length % 4 != 0) || (standard && text.Length % 4 != 0))
        {
            return Error.InvalidSecret("its base64 padding is wrong.");
        }

        Span<byte> buffer = stackalloc byte[48];
        try
        {
            int written;
            if (standard)
            {
                if (!Convert.TryFromBase64String(text, buffer, out written))
                {
                    return Error.InvalidSecret("it is not valid base64 of a 16- or 32-byte key.");
                }
            }
            else if (Base64Url.GetMaxDecodedLength(unpadded.Length) > buffer.Length
                || Base64Url.DecodeFromChars(unpadded, buffer, out _, out written) != System.Buffers.OperationStatus.Done)
            {
                return Error.InvalidSecret("it is not valid base64url of a 16- or 32-byte key.");
            }

            if (!ShareKey.TryImport(buffer[..written], out key))
            {
                return Error.InvalidSecret($"the key is {written} bytes long; it must be 16 or 32.");
            }

            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}

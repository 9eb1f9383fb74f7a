using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using Tigress.Protocol.Dropbox;

namespace Tigress.Protocol.Pake;

//
//  What a PIN exchange is bound to (docs/protocol.md section 12): the SPAKE2 associated data of RFC 9382 section 3.3, which
//  enters the confirmation keys KcA and KcB, so a confirmation computed for one share never verifies in another.
//
//      AAD = UTF-8 "tigress-pin/1 " || binding
//
//      | Binding  | binding text                               | Example                                       |
//      | -------- | ------------------------------------------ | --------------------------------------------- |
//      | mailbox  | "mailbox " || the mailbox id               | tigress-pin/1 mailbox 3f1c...e2               |
//      | dropbox  | "dropbox " || suite (4 hex) || " " || base | tigress-pin/1 dropbox 1301 https://d.example/ |
//
//  The identities are fixed: A = "tigress initiator", B = "tigress recipient". The invitation secret already salts the
//  password scalar w (PinKey), so a share of another invitation never matches; the binding adds the place of this run,
//  so that a handshake message copied into another mailbox (or another dropbox) under the same secret fails too.
//  Everything in the binding is public: it is never a secret and may be printed.
//

/// <summary>
/// The associated data that ties a PIN exchange to one mailbox or one dropbox, and the identities both sides use.
/// Both sides must build the same binding, or the PIN exchange fails as if the PIN were wrong.
/// </summary>
public sealed class PinBinding
{
    /// <summary>The SPAKE2 identity of the initiator (party A), as UTF-8.</summary>
    public const string InitiatorIdentity = "tigress initiator";

    /// <summary>The SPAKE2 identity of the recipient (party B), as UTF-8.</summary>
    public const string RecipientIdentity = "tigress recipient";

    /// <summary>The prefix of every binding, naming this profile's PIN exchange and its version.</summary>
    public const string Label = "tigress-pin/1";

    private const int MaxMailboxIdLength = 128;

    // RFC 3986 unreserved characters: what a mailbox id is made of (ShareUrl accepts no others).
    private static readonly SearchValues<char> s_unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

    private readonly byte[] _associatedData;
    private readonly string _text;

    private PinBinding(string text)
    {
        _text = text;
        _associatedData = Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The initiator's identity as bytes.</summary>
    internal static ReadOnlySpan<byte> InitiatorIdentityBytes => "tigress initiator"u8;

    /// <summary>The recipient's identity as bytes.</summary>
    internal static ReadOnlySpan<byte> RecipientIdentityBytes => "tigress recipient"u8;

    /// <summary>The SPAKE2 associated data.</summary>
    internal ReadOnlySpan<byte> AssociatedData => _associatedData;

    /// <summary>Binds the exchange to a relay mailbox, by its id (the last path segment of the share URL).</summary>
    /// <exception cref="ArgumentException">The id is empty, longer than 128 characters, or not made of RFC 3986 unreserved characters.</exception>
    public static PinBinding ForMailbox(string mailboxId)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailboxId);
        if (mailboxId.Length > MaxMailboxIdLength || mailboxId.AsSpan().ContainsAnyExcept(s_unreserved))
        {
            throw Error.Argument_Invalid(nameof(mailboxId), "A mailbox id is 1 to 128 letters, digits, '-', '.', '_' or '~'.");
        }

        return new PinBinding(string.Create(CultureInfo.InvariantCulture, $"{Label} mailbox {mailboxId}"));
    }

    /// <summary>Binds the exchange to an HTTP dropbox invitation: its cipher suite and base URL (never its secret).</summary>
    public static PinBinding ForDropbox(DropboxInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return new PinBinding(string.Create(CultureInfo.InvariantCulture, $"{Label} dropbox {(ushort)invitation.Suite.Id:x4} {invitation.BaseUri.AbsoluteUri}"));
    }

    /// <summary>The associated data as text; it holds nothing secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => _text;

}

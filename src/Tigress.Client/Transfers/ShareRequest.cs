using System.ComponentModel;
using Tigress.Client.Mailbox;
using Tigress.Protocol.Dropbox;
using Tigress.Protocol.Mailbox;
using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>What an initiator shares: the relay or dropbox, the vertical's format, the content and the preview.</summary>
public sealed class ShareRequest
{
    /// <summary>The relay's base URL, such as <c>https://relay.example/</c>; for the dropbox binding the dropbox base
    /// URL that message locations are appended to, ending with <c>/</c> (see <see cref="Dropbox.DropboxClient.ResolveBaseAsync"/>).</summary>
    public required Uri RelayUri { get; init; }

    /// <summary>The binding to share over: a mailbox relay, or an HTTP dropbox.</summary>
    /// <remarks>Defaults to <see cref="TransferBinding.Mailbox"/>.</remarks>
    public TransferBinding Binding { get; init; } = TransferBinding.Mailbox;

    /// <summary>The provisioning-information format; a vertical for it must be in <see cref="TransferSessionOptions.Verticals"/>.</summary>
    public required string Format { get; init; }

    /// <summary>The content handed to the vertical's <see cref="Verticals.ICredentialVertical.BeginAsync"/>.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The public preview; it is also sealed into the first message so the recipient can check the relay.
    /// The dropbox binding has no public preview: there it only travels sealed, for the recipient's app to show.</summary>
    public required DisplayInformation DisplayInformation { get; init; }

    /// <summary>The share URL's <c>v</c> hint.</summary>
    /// <remarks>Defaults to null: the vertical's own <see cref="Verticals.ICredentialVertical.ShareVertical"/>.</remarks>
    public ShareVertical? ShareVertical { get; init; }

    /// <summary>Mailbox binding: the cipher, and so the share secret's length.</summary>
    /// <remarks>Defaults to <see cref="PayloadAlgorithm.Aes128Gcm"/> (a 16-byte secret, the shortest link).</remarks>
    public PayloadAlgorithm Algorithm { get; init; } = PayloadAlgorithm.Aes128Gcm;

    /// <summary>Dropbox binding: the TLS 1.3 cipher suite the invitation names.</summary>
    /// <remarks>Defaults to null: <see cref="TigressSuite.Default"/> (1301, AES-128-GCM with SHA-256).</remarks>
    public TigressSuite? Suite { get; init; }

    /// <summary>When the share should expire.</summary>
    /// <remarks>Defaults to null: the relay's maximum lifetime (48 hours unless its operator changed it); on the
    /// dropbox binding, <see cref="TransferSessionOptions.AnswerTimeout"/> after each message.</remarks>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>
    /// A PIN that protects the share (docs/security.md): the link then carries <c>p=1</c> or <c>p=2</c>
    /// (<see cref="PinMode"/>), the recipient must type this PIN, and whoever holds the link without it gets the few
    /// guesses the share allows, after which it ends. Tell it over another
    /// channel than the link. The session copies what it needs; the caller may clear its characters afterwards.
    /// </summary>
    /// <remarks>Defaults to empty: no PIN. Make one with <see cref="Protocol.Pake.Pin.Generate(int)"/>: 6 to 32 ASCII digits.</remarks>
    public ReadOnlyMemory<char> Pin { get; init; }

    /// <summary>Which PIN protection to use when <see cref="Pin"/> is set.</summary>
    /// <remarks>Defaults to <see cref="PinMode.Automatic"/>: the relay-assisted PIN on a mailbox relay that offers it,
    /// SPAKE2 otherwise.</remarks>
    public PinMode PinMode { get; init; }

    /// <summary>The relay-assisted PIN: how many wrong guesses end the share, from 1 to 10, and at most
    /// 10^(digits - 6) for a PIN of that many digits, so that a guesser succeeds with a chance of at most one in a million.</summary>
    /// <remarks>Defaults to null: 3 for a PIN of 7 digits or more (a mistyped PIN is forgiven twice), and 1 for a
    /// 6-digit PIN.</remarks>
    public int? PinGuesses { get; init; }

    /// <summary>Mailbox binding: where the relay should notify the initiator, if anywhere.</summary>
    public NotificationToken? NotificationToken { get; init; }

    /// <summary>Names the format only; the content is secret.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"ShareRequest({Format})";
}

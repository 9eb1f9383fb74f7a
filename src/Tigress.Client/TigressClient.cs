using Tigress.Client.Capabilities;
using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;
using Tigress.Client.Transfers;

namespace Tigress.Client;

/// <summary>
/// The SDK's entry point: the mailbox and dropbox clients a <see cref="TransferSession"/> runs over, so that one set of
/// session factories serves both bindings.
/// </summary>
/// <remarks>
/// Build one per application (or let <c>services.AddTigressClient()</c> do it) and share it between sessions. A client
/// not given is built with default options on first use and disposed with this instance; given clients are not.
/// </remarks>
public sealed class TigressClient : IDisposable
{
    private readonly Lazy<MailboxClient> _mailbox;
    private readonly Lazy<DropboxClient> _dropbox;
    private readonly bool _ownsMailbox;
    private readonly bool _ownsDropbox;

    /// <summary>Creates a client over the given binding clients; a missing one is built with default options when first needed.</summary>
    public TigressClient(MailboxClient? mailbox = null, DropboxClient? dropbox = null)
    {
        _ownsMailbox = mailbox is null;
        _ownsDropbox = dropbox is null;
        _mailbox = mailbox is null ? new Lazy<MailboxClient>(() => new MailboxClient()) : new Lazy<MailboxClient>(mailbox);
        _dropbox = dropbox is null ? new Lazy<DropboxClient>(() => new DropboxClient()) : new Lazy<DropboxClient>(dropbox);
    }

    /// <summary>The client of the mailbox binding.</summary>
    public MailboxClient Mailbox => _mailbox.Value;

    /// <summary>The client of the HTTP dropbox binding.</summary>
    public DropboxClient Dropbox => _dropbox.Value;

    /// <summary>Reads a relay's capability document (<c>GET {relay}/v1</c>): its limits and what it offers.</summary>
    /// <exception cref="MailboxException">The relay refused, could not be reached, or is not a Tigress relay.</exception>
    public Task<RelayCapabilities> GetCapabilitiesAsync(Uri relayUri, CancellationToken cancellationToken = default) =>
        Mailbox.GetCapabilitiesAsync(relayUri, cancellationToken);

    /// <summary>Disposes the binding clients this instance built itself.</summary>
    public void Dispose()
    {
        if (_ownsMailbox && _mailbox.IsValueCreated)
        {
            _mailbox.Value.Dispose();
        }

        if (_ownsDropbox && _dropbox.IsValueCreated)
        {
            _dropbox.Value.Dispose();
        }
    }
}

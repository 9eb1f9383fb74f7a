namespace Tigress.Client.Transfers;

/// <summary>How the two devices of a transfer exchange their sealed messages.</summary>
public enum TransferBinding
{
    /// <summary>Through a TIGRESS mailbox relay (docs/protocol.md section 7): a share URL with a mailbox and a key.</summary>
    Mailbox = 0,

    /// <summary>Through any HTTP server that stores PUT bodies (docs/protocol.md section 11): an invitation URL with the secret R.</summary>
    Dropbox = 1,
}

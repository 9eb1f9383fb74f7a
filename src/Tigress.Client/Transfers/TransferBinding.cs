namespace Tigress.Client.Transfers;

/// <summary>How the two devices of a transfer exchange their sealed messages.</summary>
public enum TransferBinding
{
    /// <summary>Through a TIGRESS mailbox relay (PROTOCOL.md section 2): a share URL with a mailbox and a key.</summary>
    Mailbox = 0,

    /// <summary>Through any HTTP server that stores PUT bodies (PROTOCOL.md section 3): an invitation URL with the secret R.</summary>
    Dropbox = 1,
}

using Tigress.Client.Dropbox;
using Tigress.Client.Mailbox;

namespace Tigress.Client.Transfers;

/// <summary>The binding objects, by the binding they serve.</summary>
internal static class TransferBindings
{
    public static ITransferBindingFactory For(TransferBinding binding) => binding switch
    {
        TransferBinding.Mailbox => MailboxBinding.Instance,
        TransferBinding.Dropbox => DropboxBinding.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(binding), binding, "The binding is neither the mailbox nor the dropbox."),
    };
}

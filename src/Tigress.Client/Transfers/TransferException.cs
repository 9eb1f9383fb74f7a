namespace Tigress.Client.Transfers;

/// <summary>
/// A transfer could not go on. <see cref="Error"/> says why; the message is plain language and never contains the
/// share secret, claims or message content.
/// </summary>
public sealed class TransferException : Exception
{
    /// <summary>Creates the exception; verticals throw it to reject a message.</summary>
    public TransferException(TransferError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Why the transfer stopped.</summary>
    public TransferError Error { get; }
}

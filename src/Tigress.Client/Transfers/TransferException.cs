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

    /// <summary>For <see cref="TransferError.WrongPin"/> on a share with the relay-assisted PIN: how many guesses at the
    /// PIN the relay still allows; 0 when it locked the share. Null otherwise (a SPAKE2 share allows no second guess).</summary>
    /// <remarks>A recipient told of guesses left claimed nothing: it may receive again, in a new session, with another PIN.</remarks>
    public int? GuessesLeft { get; init; }
}

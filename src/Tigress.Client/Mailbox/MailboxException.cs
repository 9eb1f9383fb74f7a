using System.Net;

namespace Tigress.Client.Mailbox;

/// <summary>
/// A mailbox request failed at the HTTP level. The message comes from this client, with the relay's problem title or
/// detail made printable (one bounded line without control characters); this client puts no claims, URLs or
/// payloads in it.
/// </summary>
public sealed class MailboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailboxException(MailboxError error, string message, HttpStatusCode? statusCode = null, string? problemType = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        StatusCode = statusCode;
        ProblemType = problemType;
    }

    /// <summary>What went wrong.</summary>
    public MailboxError Error { get; }

    /// <summary>The relay's status code, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>type</c> of the relay's problem document, when it sent one.</summary>
    public string? ProblemType { get; }

    /// <summary>For <see cref="MailboxError.WrongPin"/>: how many guesses at the PIN remain, as the relay said.</summary>
    public int? GuessesLeft { get; init; }

    /// <summary>The relay's <c>Retry-After</c> on a 429 or 5xx, as a delay from when it answered; the outage loop of a
    /// running transfer waits that long before it tries again.</summary>
    internal TimeSpan? RetryAfter { get; init; }
}

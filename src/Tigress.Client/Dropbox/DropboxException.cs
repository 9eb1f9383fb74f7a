using System.Net;

namespace Tigress.Client.Dropbox;

/// <summary>
/// A dropbox server refused a request at the HTTP level, after the retries. It travels as the inner exception of a
/// <see cref="Transfers.TransferException"/>; the message is this client's own, never the server's page.
/// </summary>
public sealed class DropboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DropboxException(HttpStatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The server's status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's <c>Retry-After</c> on a 429 or 5xx, as a delay from when it answered.</summary>
    internal TimeSpan? RetryAfter { get; init; }

    /// <summary>True for an answer that says the server is down or busy for now (429, 5xx), not that it refuses the request.</summary>
    internal bool IsOutage => StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;
}

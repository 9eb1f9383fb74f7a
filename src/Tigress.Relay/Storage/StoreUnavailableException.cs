namespace Tigress.Relay.Storage;

/// <summary>
/// The store could not be reached or could not answer in time; the request changed nothing the relay acknowledged
/// and may be retried. The relay answers it with <c>503</c> and <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// A store built on a client library wraps that library's connection and timeout failures in this type, so the relay
/// maps them to <c>503</c> without referencing the library.
/// </remarks>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception with a message saying what failed.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the store client's failure as the inner cause.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

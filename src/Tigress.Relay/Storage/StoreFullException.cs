namespace Tigress.Relay.Storage;

/// <summary>
/// The store has no room for this write (a full disk, a database that may not grow, a Redis at its memory limit);
/// nothing was changed and the request may be retried once room returns. The relay answers it with <c>507</c> and
/// <c>Retry-After</c>, and keeps serving reads and deletes, which need no room.
/// </summary>
/// <remarks>
/// A store built on a client library wraps that library's out-of-space failures in this type, so the relay maps them
/// to <c>507</c> without referencing the library.
/// </remarks>
public sealed class StoreFullException : Exception
{
    /// <summary>Creates the exception with a message saying what is full.</summary>
    public StoreFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the store client's failure as the inner cause.</summary>
    public StoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Tigress.Protocol;

/// <summary>
/// Raised when input from outside (a share URL, a peer's message, a relay's answer) does not follow the
/// TIGRESS wire format. <see cref="ErrorCode"/> says which rule was broken; the message never contains
/// secrets or the offending bytes.
/// </summary>
public sealed class TigressProtocolException : Exception
{
    /// <summary>Creates the exception with one of the <see cref="ProtocolErrorCodes"/> and a plain-language message.</summary>
    public TigressProtocolException(string errorCode, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public TigressProtocolException(string errorCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>One of the <see cref="ProtocolErrorCodes"/> constants.</summary>
    public string ErrorCode { get; }
}

using System.Diagnostics.CodeAnalysis;

namespace Tigress.Protocol.Dropbox;

/// <summary>
/// The one place where the dropbox primitives build their exceptions, so messages stay uniform and never carry
/// secrets or the offending bytes.
/// </summary>
internal static class DropboxError
{
    // Caller mistakes.

    public static ArgumentException Argument_Length(string paramName, int expected) =>
        new($"Expected exactly {expected} bytes.", paramName);

    public static ArgumentException Argument_TooShort(string paramName, int minimum) =>
        new($"Expected at least {minimum} bytes.", paramName);

    public static ArgumentException Argument_Overlap(string paramName) =>
        new("The destination must not overlap the input.", paramName);

    public static ArgumentException Argument_InvalidBaseUri(string paramName, string reason) =>
        new($"The dropbox base URL is not usable: {reason}", paramName);

    public static ArgumentException Argument_InvalidLocation(string paramName) =>
        new($"A dropbox location is exactly {KeySchedule.LocationLength} base64url characters.", paramName);

    public static ArgumentException Argument_Invalid(string paramName, string rule) => new(rule, paramName);

    // Malformed peer input.

    public static TigressProtocolException Protocol(string errorCode, string message) => new(errorCode, message);

    [DoesNotReturn]
    public static void ThrowProtocol(string errorCode, string message) => throw new TigressProtocolException(errorCode, message);
}

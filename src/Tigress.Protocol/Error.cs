using System.Diagnostics.CodeAnalysis;

namespace Tigress.Protocol;

/// <summary>
/// The one place that builds exceptions for this library, so messages stay consistent and never carry
/// secrets or the offending bytes.
/// </summary>
/// <remarks>Shared by the mailbox, dropbox and PAKE types.</remarks>
internal static class Error
{
    public static TigressProtocolException MalformedUrl(string reason) =>
        new(ProtocolErrorCodes.MalformedUrl, "The share URL is malformed: " + reason);

    public static TigressProtocolException InvalidSecret(string reason) =>
        new(ProtocolErrorCodes.InvalidSecret, "The share URL's secret is invalid: " + reason);

    public static TigressProtocolException MalformedMessage(string reason) =>
        new(ProtocolErrorCodes.MalformedMessage, "The payload is malformed: " + reason);

    public static TigressProtocolException UnsupportedAlgorithm() =>
        new(ProtocolErrorCodes.UnsupportedAlgorithm, "The payload names a cipher this implementation does not offer.");

    public static TigressProtocolException DecryptionFailed() =>
        new(ProtocolErrorCodes.DecryptionFailed,
            "The payload could not be decrypted: wrong key, damaged or tampered data, or a message out of order.");

    public static TigressProtocolException MalformedProvisioningInformation(string reason) =>
        new(ProtocolErrorCodes.MalformedProvisioningInformation, "The provisioning information is malformed: " + reason);

    public static TigressProtocolException MalformedDisplayInformation(string reason) =>
        new(ProtocolErrorCodes.MalformedDisplayInformation, "The display information is malformed: " + reason);

    public static ArgumentException Argument_KeySize(string paramName, int size) =>
        new($"A share key is 16 or 32 bytes long, not {size}.", paramName);

    public static ArgumentException Argument_DestinationTooSmall(string paramName) =>
        new("The destination buffer is too small.", paramName);

    public static ArgumentException Argument_Overlap(string paramName) =>
        new("The destination buffer must not overlap the source.", paramName);

    public static ArgumentException Argument_InsecureUri(string paramName) =>
        new("The address must use https; plain http is allowed only to a loopback address.", paramName);

    public static ArgumentException Argument_NotAbsoluteMailboxUri(string paramName) =>
        new("The mailbox address must be an absolute URL ending in /v1/m/{id}, without a query or fragment.", paramName);

    public static ArgumentException Argument_Length(string paramName, int expected) =>
        new($"Expected exactly {expected} bytes.", paramName);

    public static ArgumentException Argument_TooShort(string paramName, int minimum) =>
        new($"Expected at least {minimum} bytes.", paramName);

    public static ArgumentException Argument_InvalidBaseUri(string paramName, string reason) =>
        new($"The dropbox base URL is not usable: {reason}", paramName);

    public static ArgumentException Argument_InvalidLocation(string paramName) =>
        new($"A dropbox location is exactly {Wire.DropboxLocation.Length} base64url characters.", paramName);

    public static ArgumentException Argument_Invalid(string paramName, string rule) => new(rule, paramName);

    public static InvalidOperationException InvalidOperation_State(string operation, string state) =>
        new($"{operation} is not allowed now: the SPAKE2 party is {state}.");

    // Malformed peer input, with the error code of the rule it breaks.

    public static TigressProtocolException Protocol(string errorCode, string message) => new(errorCode, message);

    [DoesNotReturn]
    public static void ThrowProtocol(string errorCode, string message) => throw new TigressProtocolException(errorCode, message);
}

namespace Tigress.Protocol.Pake;

/// <summary>
/// The one place where the PAKE types build their exceptions, so messages stay uniform and never carry secrets or the
/// offending bytes.
/// </summary>
internal static class PakeError
{
    // Caller mistakes.

    public static ArgumentException Argument_Length(string paramName, int expected) =>
        new($"Expected exactly {expected} bytes.", paramName);

    public static ArgumentException Argument_Overlap(string paramName) =>
        new("The destination must not overlap the input.", paramName);

    public static ArgumentException Argument_Invalid(string paramName, string rule) => new(rule, paramName);

    public static InvalidOperationException InvalidOperation_State(string operation, string state) =>
        new($"{operation} is not allowed now: the SPAKE2 party is {state}.");

    // Malformed peer input.

    public static TigressProtocolException Protocol(string errorCode, string message) => new(errorCode, message);
}

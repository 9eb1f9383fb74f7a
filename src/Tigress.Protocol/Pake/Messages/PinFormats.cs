namespace Tigress.Protocol.Pake.Messages;

/// <summary>
/// The provisioning-information formats of the PIN exchange (docs/protocol.md section 12), the first three messages of a
/// PIN-protected share on either binding.
/// </summary>
/// <remarks>
/// | Format                | Message   | Sealed under                   | Content                                       |
/// |-----------------------|-----------|--------------------------------|-----------------------------------------------|
/// | <c>tigress.pin.start</c>   | i2r 0     | the invitation secret          | <c>{"share": pA}</c>                                 |
/// | <c>tigress.pin.answer</c>  | r2i 0     | the invitation secret          | <c>{"share": pB, "confirmation": cB}</c>             |
/// | <c>tigress.pin.confirm</c> | i2r 1     | the invitation secret          | <c>{"confirmation": cA, "sealed": first message}</c> |
/// Byte strings are base64url without padding. <c>sealed</c> is the initiator's first content message sealed by
/// <see cref="PinSessionCipher"/> under the PIN session key; every later message is sealed the same way before the
/// binding seals it under the invitation secret.
/// </remarks>
public static class PinFormats
{
    /// <summary>The initiator's SPAKE2 share; never the credential.</summary>
    public const string Start = "tigress.pin.start";

    /// <summary>The recipient's SPAKE2 share and its key confirmation.</summary>
    public const string Answer = "tigress.pin.answer";

    /// <summary>The initiator's key confirmation, with the first content message sealed under the PIN session key.</summary>
    public const string Confirm = "tigress.pin.confirm";

    /// <summary>True for the three formats of the PIN exchange.</summary>
    public static bool IsPinFormat(string? format) => format is Start or Answer or Confirm;
}

namespace Tigress.Protocol.Pake;

/// <summary>
/// The stable codes carried by <see cref="TigressProtocolException.ErrorCode"/> when a peer's SPAKE2 message breaks the
/// rules of RFC 9382. Any of them ends the run: a PIN share gets no second attempt.
/// </summary>
internal static class PakeErrorCodes
{
    // The peer's share (pA or pB).

    /// <summary>
    /// The peer's share is not a 65-byte uncompressed SEC1 encoding of a point on P-256: wrong length, a prefix
    /// other than 0x04, a coordinate out of range, or a point that is not on the curve.
    /// </summary>
    public const string InvalidShare = "pake-invalid-share";

    /// <summary>The peer's share encodes the point at infinity, the group's identity element.</summary>
    public const string IdentityShare = "pake-identity-share";

    /// <summary>
    /// The shared group element K came out as the identity: the peer's share was exactly its own password term
    /// (w·N or w·M), which an honest peer never sends.
    /// </summary>
    public const string IdentitySharedPoint = "pake-identity-shared-point";

    // Key confirmation.

    /// <summary>The peer's key confirmation is not a MAC of the expected length.</summary>
    public const string MalformedConfirmation = "pake-malformed-confirmation";
}

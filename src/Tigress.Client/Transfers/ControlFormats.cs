namespace Tigress.Client.Transfers;

/// <summary>
/// Formats of the session's own messages, sealed like any other and sent in the same turn-taking order.
/// </summary>
/// <remarks>
/// | Format                     | Sent by   | Content                        | Meaning                                   |
/// |----------------------------|-----------|--------------------------------|-------------------------------------------|
/// | tigress.control.complete   | recipient | <c>{}</c>                      | the credential is provisioned; delete now |
/// | tigress.control.cancel     | either    | <c>{"reason", "code"}</c>      | stop; the initiator then deletes          |
/// </remarks>
internal static class ControlFormats
{
    public const string Complete = "tigress.control.complete";
    public const string Cancel = "tigress.control.cancel";

    /// <summary>The longest cancel reason kept from a peer.</summary>
    public const int MaxReasonLength = 200;
}

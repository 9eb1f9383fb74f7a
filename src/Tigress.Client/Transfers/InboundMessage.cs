using Tigress.Protocol.Provisioning;

namespace Tigress.Client.Transfers;

/// <summary>A message from the other side, opened by the channel: its number in the other side's direction and its
/// plaintext, which the session parses and then clears.</summary>
internal sealed class InboundMessage(int sequence, byte[] plaintext, DisplayInformation? servedPreview = null, DateTimeOffset? expiration = null)
{
    public int Sequence { get; } = sequence;

    public byte[] Plaintext { get; } = plaintext;

    /// <summary>The preview the relay served with the message, for bindings that serve one.</summary>
    public DisplayInformation? ServedPreview { get; } = servedPreview;

    /// <summary>When the relay says the share expires, if it says.</summary>
    public DateTimeOffset? Expiration { get; } = expiration;
}

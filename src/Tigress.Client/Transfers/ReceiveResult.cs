namespace Tigress.Client.Transfers;

/// <summary>What one wait for the other side's message found.</summary>
internal sealed record ReceiveResult(ReceiveStatus Status, InboundMessage? Message = null)
{
    public static ReceiveResult Nothing { get; } = new(ReceiveStatus.Nothing);
}

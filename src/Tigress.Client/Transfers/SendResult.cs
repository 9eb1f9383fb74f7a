namespace Tigress.Client.Transfers;

/// <summary>What carrying out a recorded operation led to.</summary>
internal sealed record SendResult(SendStatus Status, InboundMessage? Message = null)
{
    public static SendResult Delivered { get; } = new(SendStatus.Delivered);

    public static SendResult Done { get; } = new(SendStatus.Done);

    public static SendResult Gone { get; } = new(SendStatus.Gone);
}

namespace Tigress.Client.Transfers;

/// <summary>What <see cref="ITransferChannel.TakeTurnAsync"/> found.</summary>
internal sealed record TurnResult(TurnStatus Status, InboundMessage? Message = null)
{
    public static TurnResult Mine { get; } = new(TurnStatus.Mine);
}

namespace Tigress.Client.Transfers;

/// <summary>What one wait for the other side's message found.</summary>
internal sealed record ReceiveResult(ReceiveStatus Status, InboundMessage? Message = null)
{
    public static ReceiveResult Nothing { get; } = new(ReceiveStatus.Nothing);

    /// <summary>For <see cref="ReceiveStatus.PinGuessFailed"/> and <see cref="ReceiveStatus.WrongPin"/>: the guesses left.</summary>
    public int? GuessesLeft { get; init; }
}

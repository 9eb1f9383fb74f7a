namespace Tigress.Client.Transfers;

/// <summary>How a side that fails tells the other.</summary>
internal enum AbortAction
{
    /// <summary>Send a sealed cancel message that says why.</summary>
    Notify = 0,

    /// <summary>Let go of the claim (the mailbox recipient of a share it cannot open), so the rightful recipient still can.</summary>
    Relinquish = 1,

    /// <summary>Tell nobody: the exchange cannot carry another message.</summary>
    Silent = 2,
}

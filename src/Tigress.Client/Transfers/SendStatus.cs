namespace Tigress.Client.Transfers;

/// <summary>The outcome of <see cref="ITransferChannel.ExecuteAsync"/>.</summary>
internal enum SendStatus
{
    /// <summary>The message is stored for the other side.</summary>
    Delivered = 0,

    /// <summary>The operation (a delete, a relinquish) is done.</summary>
    Done = 1,

    /// <summary>The share is gone: deleted or expired.</summary>
    Gone = 2,

    /// <summary>The other side wrote first where this message belongs; <see cref="SendResult.Message"/> is what it wrote.</summary>
    Preempted = 3,

    /// <summary>Something that does not open as the other side's message sits where this message belongs.</summary>
    Corrupted = 4,
}

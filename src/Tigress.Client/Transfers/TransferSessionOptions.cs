using Tigress.Client.Verticals;

namespace Tigress.Client.Transfers;

/// <summary>How a <see cref="TransferSession"/> runs: the verticals it knows, how long it long-polls, and where it
/// reports state changes and progress.</summary>
public sealed class TransferSessionOptions
{
    /// <summary>The verticals, chosen by the format of the share.</summary>
    /// <remarks>Defaults to <see cref="CredentialVerticals.Default"/>: the generic authorization token and the car
    /// key demonstration.</remarks>
    public IReadOnlyList<ICredentialVertical> Verticals { get; set; } = CredentialVerticals.Default;

    /// <summary>How long one read may wait at the relay for the other side (<c>Prefer: wait</c>).</summary>
    /// <remarks>Defaults to 30 seconds; the relay caps it at 60.</remarks>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Called with the new state after every change, before the session sends anything that depends on it.
    /// Store the state (it holds the share secret: keep it as safe as the credential) to resume after a restart.</summary>
    public Func<TransferState, CancellationToken, ValueTask>? StateChanged { get; set; }

    /// <summary>Called for every step of the transfer, for progress displays. Keep it quick; it runs inline.</summary>
    public Action<TransferEvent>? EventOccurred { get; set; }

    /// <summary>The clock handed to the verticals.</summary>
    /// <remarks>Defaults to <see cref="TimeProvider.System"/>.</remarks>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

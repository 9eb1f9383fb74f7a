using System.Text.Json;
using Tigress.Client.Transfers;

namespace Tigress.Client.Verticals;

/// <summary>What a vertical knows when it is called: its side of the transfer, the state it returned last time,
/// and the clock.</summary>
public sealed class VerticalContext
{
    /// <summary>Creates a context.</summary>
    public VerticalContext(TransferRole role, JsonElement? state, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Role = role;
        State = state;
        TimeProvider = timeProvider;
    }

    /// <summary>Whether this side is the initiator or the recipient.</summary>
    public TransferRole Role { get; }

    /// <summary>The <see cref="VerticalStep.State"/> of the previous step on this side, or null before the first.</summary>
    public JsonElement? State { get; }

    /// <summary>The clock to check validity windows against.</summary>
    public TimeProvider TimeProvider { get; }
}

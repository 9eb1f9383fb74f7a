namespace Tigress.Relay.Hosting;

/// <summary>What an acknowledged write of the embedded SQLite store survives: the values of <see cref="RelayOptions.Durability"/>.</summary>
internal enum RelayDurability
{
    /// <summary><c>process</c>: the relay process being killed (SQLite's <c>synchronous=NORMAL</c>).</summary>
    Process = 0,

    /// <summary><c>power</c>: a power loss or kernel crash as well (<c>synchronous=FULL</c>, a sync per group commit).</summary>
    Power = 1,
}

/// <summary>Reads <see cref="RelayOptions.Durability"/>.</summary>
internal static class RelayDurabilityNames
{
    public const string Process = "process";
    public const string Power = "power";

    public static bool TryParse(string? value, out RelayDurability durability)
    {
        durability = RelayDurability.Process;
        if (string.Equals(value, Process, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        durability = RelayDurability.Power;
        return string.Equals(value, Power, StringComparison.OrdinalIgnoreCase);
    }
}

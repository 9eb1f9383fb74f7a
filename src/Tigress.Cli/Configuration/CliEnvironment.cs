namespace Tigress.Cli.Configuration;

/// <summary>
/// The environment variables the commands read (<c>TIGRESS_RELAY</c>, <c>XDG_CONFIG_HOME</c>, <c>HOME</c>), behind
/// a lookup so tests can run the command with a temporary home in process.
/// </summary>
internal sealed class CliEnvironment(Func<string, string?> variables)
{
    /// <summary>The process's own environment.</summary>
    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? this[string name] => variables(name) is { Length: > 0 } value ? value : null;
}

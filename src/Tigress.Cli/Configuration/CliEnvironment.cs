namespace Tigress.Cli.Configuration;

/// <summary>
/// The environment variables the commands read (<c>TIGRESS_RELAY</c>, <c>XDG_CONFIG_HOME</c>, <c>HOME</c>) and the
/// current folder, behind a lookup so tests can run the command with a temporary home and folder in process.
/// </summary>
internal sealed class CliEnvironment(Func<string, string?> variables, string? currentDirectory = null)
{
    /// <summary>The process's own environment.</summary>
    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>The folder a received file is saved in when <c>--out</c> is not given.</summary>
    public string CurrentDirectory => currentDirectory ?? Environment.CurrentDirectory;

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? this[string name] => variables(name) is { Length: > 0 } value ? value : null;
}

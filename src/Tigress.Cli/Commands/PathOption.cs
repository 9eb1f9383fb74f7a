namespace Tigress.Cli.Commands;

/// <summary>Reads a path given on the command line; an empty one, or one with a NUL in it, is a usage error
/// instead of the framework's argument exception.</summary>
internal static class PathOption
{
    public static string FullPath(string path, string option) =>
        string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal)
            ? throw new CliUsageException($"{option}: give a path (it is empty or holds a NUL character).")
            : Path.GetFullPath(path);
}

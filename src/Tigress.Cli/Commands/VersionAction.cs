using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress --version</c>: the version and the commit it was built from, so a bug report or a copied binary names
/// its exact source. The SDK's Source Link appends the commit to the informational version (<c>1.0.0+SHA</c>) when
/// the sources are a git checkout; a build from a source archive has none and says so.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>The line printed for this build of <c>tigress</c>.</summary>
    public static string Line { get; } = Describe(
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>Turns an informational version (<c>1.0.0+0123abc…</c> or <c>1.0.0</c>) into
    /// <c>1.0.0 (commit 0123abc…)</c> or <c>1.0.0 (unknown commit)</c>.</summary>
    public static string Describe(string? informationalVersion)
    {
        var text = string.IsNullOrWhiteSpace(informationalVersion) ? "unknown" : informationalVersion.Trim();
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var commit = plus < 0 ? "" : text[(plus + 1)..];
        var version = plus < 0 ? text : text[..plus];
        return commit.Length > 0 ? $"{version} (commit {commit})" : $"{version} (unknown commit)";
    }

    /// <summary>Gives the root command's <c>--version</c> this action instead of the bare version.</summary>
    public static void Attach(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is VersionOption)
            {
                option.Action = new VersionAction();
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Line);
        return ExitCodes.Success;
    }
}

using System.CommandLine;

namespace Tigress.Cli.Commands;

/// <summary>The <c>tigress</c> root: it only composes the subcommands registered in <see cref="TigressCli.AddTigressCommands"/>.</summary>
internal sealed class TigressRootCommand : RootCommand
{
    public TigressRootCommand(IEnumerable<Command> subcommands)
        : base("Tigress: share digital credentials (car keys, room keys, home keys) with one link." + ExitCodes.HelpText)
    {
        foreach (var subcommand in subcommands)
        {
            Subcommands.Add(subcommand);
        }

        VersionAction.Attach(this);
    }
}

using System.CommandLine;
using Tigress.Cli.Commands;

var root = new RootCommand("Tigress: share digital credentials (car keys, room keys, home keys) with one link.")
{
    new RelayCommand(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

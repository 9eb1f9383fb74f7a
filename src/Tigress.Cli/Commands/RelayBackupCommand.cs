using System.CommandLine;
using Microsoft.Data.Sqlite;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Relay.Hosting;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress relay backup --to FILE</c> and <c>tigress relay restore --from FILE</c>: a consistent copy of a
/// relay's SQLite store (and its generated VAPID keys) while the relay runs, and putting one back while it is
/// stopped. The data folder is found as the relay finds it: <c>--data</c>, else <c>TIGRESS__Relay__DataDirectory</c>,
/// else the default.
/// </summary>
internal sealed class RelayBackupCommand : BaseCommand
{
    private static readonly Option<string?> s_data = new("--data")
    {
        Description = "The relay's data folder [default: TIGRESS__Relay__DataDirectory, else tigress under the user's local data folder]",
        HelpName = "DIR",
    };

    private static readonly Option<string> s_to = new("--to")
    {
        Description = "The backup file to write (replaced if it exists; readable by its owner only).",
        HelpName = "FILE",
        Required = true,
    };

    private static readonly Option<string> s_from = new("--from")
    {
        Description = "The backup file, as `tigress relay backup` wrote it.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly bool _restore;
    private readonly CliEnvironment _environment;

    private RelayBackupCommand(bool restore, string description, IInteractionService interaction, CliEnvironment environment)
        : base(restore ? "restore" : "backup", description, interaction)
    {
        _restore = restore;
        _environment = environment;
        Options.Add(restore ? s_from : s_to);
        Options.Add(s_data);
    }

    public static RelayBackupCommand Backup(IInteractionService interaction, CliEnvironment environment) => new(
        restore: false,
        "Write a consistent copy of a relay's SQLite store and its VAPID keys to one file, while the relay runs. "
            + "(With --store redis, back up Redis itself: its RDB snapshot or AOF.)",
        interaction,
        environment);

    public static RelayBackupCommand Restore(IInteractionService interaction, CliEnvironment environment) => new(
        restore: true,
        "Replace a relay's SQLite store and VAPID keys with a backup. Stop the relay first, then start it again.",
        interaction,
        environment);

    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var data = parseResult.GetValue(s_data) is { } given ? PathOption.FullPath(given, "--data")
            : _environment["TIGRESS__Relay__DataDirectory"] ?? new RelayOptions().DataDirectory;
        try
        {
            if (_restore)
            {
                var from = PathOption.FullPath(parseResult.GetValue(s_from)!, "--from");
                var restored = RelayBackup.Restore(from, data);
                Interaction.WriteOutputLine($"Restored {restored} mailboxes from {from} into {data}");
            }
            else
            {
                var to = PathOption.FullPath(parseResult.GetValue(s_to)!, "--to");
                var saved = RelayBackup.Create(data, to);
                Interaction.WriteOutputLine($"Backed up {saved} mailboxes from {data} to {to}");
            }

            return Task.FromResult(ExitCodes.Success);
        }
        catch (Exception e) when (e is RelayConfigurationException or IOException or UnauthorizedAccessException or SqliteException)
        {
            Interaction.DisplayError($"tigress relay {Name}: {OneLine(e)}");
            return Task.FromResult(ExitCodes.InvalidUsage);
        }
    }

    private static string OneLine(Exception e) => e switch
    {
        SqliteException sqlite => $"the file is not a usable SQLite database ({sqlite.Message.ReplaceLineEndings(" ")})",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}

using System.CommandLine;
using Tigress.Cli.Interaction;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress completion SHELL</c>: prints a script that wires the shell's completion to System.CommandLine's own
/// <c>[suggest:POSITION]</c> directive (the protocol <c>dotnet-suggest</c> uses), so every command, option and option
/// value the parser knows is completed without a list kept by hand. Where tigress suggests nothing (a file name, a
/// link), the shell falls back to its own file completion.
/// </summary>
internal sealed class CompletionCommand : BaseCommand
{
    private static readonly string[] s_shells = ["bash", "zsh", "fish", "pwsh"];

    private static readonly Argument<string> s_shell = new("SHELL")
    {
        Description = "bash, zsh, fish or pwsh (PowerShell).",
    };

    static CompletionCommand()
    {
        // Offered on completion but checked here, so an unknown shell gets one line in our words.
        s_shell.CompletionSources.Add(s_shells);
    }

    public CompletionCommand(IInteractionService interaction)
        : base(
            "completion",
            "Print the shell completion script for bash, zsh, fish or pwsh. To install it: "
                + "bash: add 'source <(tigress completion bash)' to ~/.bashrc; "
                + "zsh: add 'source <(tigress completion zsh)' to ~/.zshrc, after compinit; "
                + "fish: tigress completion fish > ~/.config/fish/completions/tigress.fish; "
                + "pwsh: add 'tigress completion pwsh | Out-String | Invoke-Expression' to $PROFILE.",
            interaction)
    {
        Arguments.Add(s_shell);
    }

    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var shell = parseResult.GetValue(s_shell)!;
        var script = shell switch
        {
            "bash" => Bash,
            "zsh" => Zsh,
            "fish" => Fish,
            "pwsh" => PowerShell,
            _ => throw new CliUsageException($"no completion for the shell '{shell}': give one of {string.Join(", ", s_shells)}."),
        };
        Interaction.WriteOutputLine(script);
        return Task.FromResult(ExitCodes.Success);
    }

    // Each script passes the line up to the cursor, and the cursor's position in it: what the [suggest] directive parses.
    // mapfile, not $(...) in an array: a suggestion such as -? must not be expanded as a file pattern.
    private const string Bash = """
        # tigress completion for bash; install: add 'source <(tigress completion bash)' to ~/.bashrc
        _tigress_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            mapfile -t COMPREPLY < <(command tigress "[suggest:${#line}]" "$line" 2>/dev/null)
        }
        complete -o default -o bashdefault -F _tigress_complete tigress
        """;

    private const string Zsh = """
        # tigress completion for zsh; install: add 'source <(tigress completion zsh)' to ~/.zshrc, after compinit
        _tigress_complete()
        {
            local -a suggestions
            suggestions=(${(f)"$(command tigress "[suggest:${#LBUFFER}]" "$LBUFFER" 2>/dev/null)"})
            if (( ${#suggestions} )); then
                compadd -a suggestions
            else
                _files
            fi
        }
        compdef _tigress_complete tigress
        """;

    private const string Fish = """
        # tigress completion for fish; install: tigress completion fish > ~/.config/fish/completions/tigress.fish
        function __tigress_complete
            set -l line (commandline -cp)
            set -l suggestions (command tigress "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)
            if test (count $suggestions) -gt 0
                printf '%s\n' $suggestions
            else
                __fish_complete_path (commandline -ct)
            end
        end
        complete -c tigress -f -a '(__tigress_complete)'
        """;

    private const string PowerShell = """
        # tigress completion for PowerShell; install: add 'tigress completion pwsh | Out-String | Invoke-Expression' to $PROFILE
        Register-ArgumentCompleter -Native -CommandName tigress -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            # The syntax tree drops the spaces after the last word; the cursor may stand past them.
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            $line = $commandAst.ToString().PadRight($position).Substring(0, $position)
            & tigress "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;
}

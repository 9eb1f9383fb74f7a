using System.Diagnostics;
using Tigress.Cli.Tests.TestServices;

namespace Tigress.Cli.Tests.Commands;

/// <summary><c>tigress completion</c>: the bash script, sourced in a real bash with the built <c>tigress</c> on PATH,
/// completes a partial command line as bash's completion would (COMP_LINE, COMP_POINT, COMP_WORDS, COMP_CWORD).</summary>
public sealed class CompletionTests
{
    // What bash sets before it calls the function `complete -p tigress` names, and then what the function answered.
    private const string CompleteLine = """
        source <(tigress completion bash) || exit 90
        spec=$(complete -p tigress) || exit 91
        function=${spec##*-F }
        function=${function%% *}
        COMP_LINE=$1
        COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<< "$COMP_LINE"
        [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMPREPLY=()
        "$function" tigress "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
        """;

    [Fact]
    public async Task Bash_CompletesACommandName()
    {
        Assert.Equal(["share"], await CompleteAsync("tigress sh"));
    }

    [Fact]
    public async Task Bash_CompletesTheOptionsThatStartWithTheTypedPrefix()
    {
        var suggestions = await CompleteAsync("tigress share --pi");

        Assert.Contains("--pin", suggestions);
        Assert.Contains("--pin-spake2", suggestions);
        Assert.Contains("--pin-guesses", suggestions);
        Assert.All(suggestions, s => Assert.StartsWith("--pi", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bash_CompletesAnOptionsValues()
    {
        Assert.Equal(["dropbox", "mailbox"], (await CompleteAsync("tigress share --binding ")).Order());
    }

    [Fact]
    public async Task Bash_CompletesEveryCommandAfterTheName()
    {
        var suggestions = await CompleteAsync("tigress ");

        foreach (var command in new[] { "share", "receive", "relay", "completion" })
        {
            Assert.Contains(command, suggestions);
        }
    }

    [Fact]
    public async Task Bash_CompletesTheShellsOfTheCompletionCommand()
    {
        var suggestions = await CompleteAsync("tigress completion ");

        // Beside the help option's spellings.
        Assert.Equal(["bash", "fish", "pwsh", "zsh"], suggestions.Where(s => s[0] is not ('-' or '/')).Order());
    }

    [Theory]
    [InlineData("bash", "complete -o default -o bashdefault -F _tigress_complete tigress")]
    [InlineData("zsh", "compdef _tigress_complete tigress")]
    [InlineData("fish", "complete -c tigress")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName tigress")]
    public async Task EveryShell_GetsAScriptThatAsksTigressForSuggestions(string shell, string registration)
    {
        var cli = await CliRun.RunAsync("completion", shell);

        Assert.Equal(ExitCodes.Success, await cli.Exit);
        var script = string.Join("\n", cli.Console.OutputLines);
        Assert.Contains(registration, script, StringComparison.Ordinal);
        Assert.Contains("[suggest:", script, StringComparison.Ordinal);
        Assert.Empty(cli.Console.ErrorLines);
    }

    [Fact]
    public async Task AnUnknownShell_IsOnePlainLineAndTheUsageExitCode()
    {
        var cli = await CliRun.RunAsync("completion", "ksh");

        Assert.Equal(ExitCodes.InvalidUsage, await cli.Exit);
        var line = Assert.Single(cli.Console.ErrorLines);
        Assert.Equal("tigress completion: no completion for the shell 'ksh': give one of bash, zsh, fish, pwsh.", line);
        Assert.Empty(cli.Console.OutputLines);
    }

    /// <summary>Runs the bash completion for <paramref name="line"/> (the cursor at its end) and returns COMPREPLY.</summary>
    private static async Task<string[]> CompleteAsync(string line)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--norc", "--noprofile", "-c", CompleteLine, "bash", line })
        {
            info.ArgumentList.Add(argument);
        }

        // The tigress built beside these tests comes first on PATH.
        info.Environment["PATH"] = AppContext.BaseDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(bash.ExitCode == 0, $"bash exited with {bash.ExitCode}: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

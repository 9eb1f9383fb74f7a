using System.CommandLine;
using Tigress.Cli.Interaction;

namespace Tigress.Cli.Commands;

/// <summary>
/// The base of every <c>tigress</c> command: runs <see cref="ExecuteAsync"/> and turns any failure into its exit
/// code and one plain line on standard error, so no exception stack ever reaches the user.
/// </summary>
internal abstract class BaseCommand : Command
{
    protected BaseCommand(string name, string description, IInteractionService interaction)
        : base(name, description + ExitCodes.SeeRootHelp)
    {
        Interaction = interaction;
        SetAction(InvokeAsync);
    }

    /// <summary><c>--json</c>: one JSON event per line on standard output instead of the human output.</summary>
    protected static Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Print one JSON object per line on standard output instead of the human output: \"event\" names it "
            + "(shared, pin, detached, waiting, claimed, relay-unavailable, sent, received, pin-matched, pin-failed, claim-unanswered, completed, cancelled, expired, interrupted, error), "
            + "\"time\" says when (RFC 3339, UTC); an error carries \"code\", \"exitCode\" and \"message\"; status prints one \"status\" object per share.",
    };

    protected IInteractionService Interaction { get; }

    /// <summary>Runs the command and returns one of the <see cref="ExitCodes"/>.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    /// <summary>Reports a failure: the line on standard error, and in JSON mode an <c>error</c> event too.</summary>
    protected int Fail(CliFailure failure, bool json)
    {
        Interaction.DisplayError($"tigress {Name}: {failure.Message}");
        if (json)
        {
            Interaction.WriteOutputLine(CliEvent.Error(failure).ToJson());
        }

        return failure.ExitCode;
    }

    private async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interaction.DisplayError($"tigress {Name}: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception exception)
        {
            return Fail(CliFailure.From(exception), json: parseResult.GetResult(JsonOption) is not null && parseResult.GetValue(JsonOption));
        }
    }
}

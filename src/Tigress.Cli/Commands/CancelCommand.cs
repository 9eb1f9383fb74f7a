using System.CommandLine;
using Tigress.Cli.Configuration;
using Tigress.Cli.Interaction;
using Tigress.Cli.State;
using Tigress.Client;
using Tigress.Client.Transfers;

namespace Tigress.Cli.Commands;

/// <summary>
/// <c>tigress cancel LINK|ID</c>: ends a share this user left running. The recipient is told (a sealed cancel), the
/// mailbox is deleted so the link stops working, and the share's saved state is removed. A share that another
/// <c>tigress share</c> runs is left to it; a relay that cannot be reached leaves the share live and saved.
/// </summary>
internal sealed class CancelCommand : BaseCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static readonly Argument<string> s_link = new("LINK|ID")
    {
        Description = "The share's link, or its id as 'tigress status' lists it.",
    };

    private readonly TigressClient _client;
    private readonly CliEnvironment _environment;

    public CancelCommand(IInteractionService interaction, TigressClient client, CliEnvironment environment)
        : base(
            "cancel",
            "End a share left running (share --detach, or a share stopped without ending it): the link stops working, the recipient is told, "
            + "and its saved state is removed. A recipient who already has the credential keeps it.",
            interaction)
    {
        _client = client;
        _environment = environment;
        Arguments.Add(s_link);
        Options.Add(JsonOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(JsonOption);
        var store = ShareStateStore.For(_environment);
        var id = store.IdFor(parseResult.GetValue(s_link)!);
        store.Prepare(Interaction.DisplayNotice);
        var opened = await SavedShare.OpenAsync(store, id, Interaction.DisplayNotice, cancellationToken).ConfigureAwait(false);
        using var saved = opened.Share ?? throw ShareCommand.InUse(id, opened.RunningProcess);
        var options = new TransferSessionOptions { StateChanged = saved.SaveAsync, EventOccurred = saved.Note };
        using var session = TransferSession.Resume(_client, saved.Transfer, options);
        if (session.Status == TransferStatus.Active)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            try
            {
                await session.CancelAsync("The sender cancelled the share.", timeout.Token).ConfigureAwait(false);
            }
            catch (TransferException exception) when (session.Status == TransferStatus.Active)
            {
                return Fail(Unreached(CliFailure.From(exception), id), json);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Fail(Unreached(CliFailure.Unreachable(), id), json);
            }
        }

        if (session.Status == TransferStatus.Active)
        {
            return Fail(Unreached(CliFailure.Unreachable(), id), json);
        }

        var status = session.Status;
        saved.Remove();
        if (json)
        {
            Interaction.WriteOutputLine((status == TransferStatus.Cancelled
                ? new CliEvent { Event = "cancelled", By = "self", Id = id }
                : new CliEvent { Event = "ended", Id = id, Reason = Ended(status) }).ToJson());
        }
        else
        {
            Interaction.DisplayNotice(status == TransferStatus.Cancelled
                ? $"Cancelled the share {id}: the link no longer works."
                : $"The share {id} had already ended ({Ended(status)}); its saved state is removed.");
        }

        return ExitCodes.Success;
    }

    private static string Ended(TransferStatus status) => status switch
    {
        TransferStatus.Completed => "received",
        TransferStatus.Expired => "expired",
        _ => "failed",
    };

    private static CliFailure Unreached(CliFailure failure, string id) => failure with
    {
        Message = $"{failure.Message} The share is still live and saved: tigress cancel {id} tries again.",
    };
}

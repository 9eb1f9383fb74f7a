using System.Globalization;
using Tigress.Client.Transfers;
using Tigress.Protocol.Pake.Messages;

namespace Tigress.Cli.Interaction;

/// <summary>Shows a transfer's progress events: as live progress lines for people, or as JSON lines.</summary>
internal sealed class TransferReporter(IInteractionService interaction, bool json)
{
    private const string CompleteFormat = "tigress.control.complete";
    private const string CancelFormat = "tigress.control.cancel";

    private List<TransferEvent>? _held;
    private bool _claimed;

    /// <summary>Where human progress goes; set once the progress display is running.</summary>
    public IProgressDisplay Progress { get; set; } = SilentProgress.Instance;

    /// <summary>Keeps events back until <see cref="Release"/>, so that nothing is printed before the share URL.</summary>
    public void Hold() => _held ??= [];

    /// <summary>Shows the events held back, then every later one as it comes.</summary>
    public void Release()
    {
        var held = _held;
        _held = null;
        foreach (var transferEvent in held ?? [])
        {
            OnEvent(transferEvent);
        }
    }

    public void OnEvent(TransferEvent transferEvent)
    {
        if (_held is { } held)
        {
            held.Add(transferEvent);
            return;
        }

        if (json)
        {
            if (CliEvent.From(transferEvent) is { } line)
            {
                interaction.WriteOutputLine(line.ToJson());
            }

            return;
        }

        var initiator = transferEvent.Role == TransferRole.Initiator;
        var number = transferEvent.Sequence + 1;
        switch (transferEvent.Kind)
        {
            case TransferEventKind.Waiting:
                var waiting = initiator
                    ? _claimed ? "Waiting for the recipient's answer" : "Waiting for the recipient to open the link"
                    : "Waiting for the sender's answer";
                Progress.SetStatus(transferEvent.Deadline is { } deadline
                    ? $"{waiting} (until {deadline.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})…"
                    : waiting + "…");
                break;
            case TransferEventKind.RelayUnavailable:
                var retrying = $"The relay is unavailable ({transferEvent.Reason}); trying again at "
                    + $"{transferEvent.Deadline?.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}. The link still works; Ctrl-C cancels the share.";
                if (interaction.IsInteractive)
                {
                    Progress.SetStatus(retrying);
                }
                else
                {
                    interaction.DisplayMessage(retrying);
                }

                break;
            case TransferEventKind.Claimed:
                _claimed = true;
                Progress.Log(initiator ? "The recipient opened the share." : "Claimed the share.");
                if (initiator)
                {
                    // On the relay's event stream the claim comes before any answer: the wait goes on, for the answer now.
                    Progress.SetStatus("Waiting for the recipient's answer…");
                }

                break;
            case TransferEventKind.PinGuessFailed when transferEvent.GuessesLeft is { } left:
                Notice(left switch
                {
                    0 => "A wrong PIN was tried; no tries left, so the relay locked the share.",
                    1 => "A wrong PIN was tried; 1 try left.",
                    _ => $"A wrong PIN was tried; {left} tries left.",
                });
                break;
            case TransferEventKind.ClaimUnanswered when transferEvent.Reason is { } reason:
                Notice(reason);
                break;
            case TransferEventKind.PinMatched:
                Progress.Log(initiator ? "The recipient entered the right PIN." : "The PIN matched.");
                break;
            case TransferEventKind.MessageSent when transferEvent.Format == PinFormats.Start:
                Progress.Log("Started the PIN exchange.");
                break;
            case TransferEventKind.MessageReceived when transferEvent.Format == PinFormats.Answer:
                Progress.Log("The recipient answered with a PIN; checking it.");
                break;
            case TransferEventKind.MessageSent when transferEvent.Format == PinFormats.Confirm:
                Progress.Log("Sent the credential, sealed under the key the PIN exchange produced.");
                break;
            case TransferEventKind.MessageSent when transferEvent.Format == PinFormats.Answer:
                Progress.Log("Sent the PIN answer.");
                break;
            case TransferEventKind.MessageReceived when transferEvent.Format is PinFormats.Start or PinFormats.Confirm:
                break;
            case TransferEventKind.MessageSent when transferEvent.Format == CompleteFormat:
                Progress.Log("Confirmed receipt to the sender.");
                break;
            case TransferEventKind.MessageSent when transferEvent.Format != CancelFormat:
                Progress.Log($"Sent message {number}.");
                break;
            case TransferEventKind.MessageReceived when transferEvent.Format == CompleteFormat:
                Progress.Log("The recipient confirmed receipt.");
                break;
            case TransferEventKind.MessageReceived when transferEvent.Format != CancelFormat:
                Progress.Log($"Received message {number}.");
                break;
        }
    }

    /// <summary>A line the person must see even off a terminal: above the live display where there is one.</summary>
    public void Notice(string line)
    {
        if (interaction.IsInteractive && Progress is not SilentProgress)
        {
            Progress.Warn(line);
        }
        else
        {
            interaction.DisplayNotice(line);
        }
    }
}

using System.Globalization;
using Tigress.Cli.Commands;
using Tigress.Cli.Interaction;
using Tigress.Client.Transfers;
using Tigress.Protocol;

namespace Tigress.Cli.State;

/// <summary>Where one saved share stands, as <c>tigress status</c> reports it: in words for people, as a
/// <see cref="ShareStatusLine"/> for <c>--json</c>.</summary>
internal sealed record ShareReport(ShareStateFile Record, string FilePath)
{
    /// <summary>The share's status after the check (or as last saved, when it was not checked).</summary>
    public TransferStatus Status { get; init; } = TransferStatus.Active;

    /// <summary>Whether this run asked the relay; false when the relay could not be reached or another process runs the share.</summary>
    public bool Checked { get; init; }

    /// <summary>The <c>tigress share</c> process that runs the share, which kept this run from checking it.</summary>
    public int? RunningProcess { get; init; }

    /// <summary>Why the share could not be checked (the relay could not be reached or refused).</summary>
    public CliFailure? Problem { get; init; }

    /// <summary>How a share that failed ended (a lock after too many wrong PINs, among others).</summary>
    public TransferException? Failure { get; init; }

    public string? CancelReason { get; init; }

    public bool CancelledByPeer { get; init; }

    /// <summary>What happened since the last check, each reported once: the opening, wrong PINs, an unanswered claim.</summary>
    public IReadOnlyList<TransferEvent> Events { get; init; } = [];

    public string Id => Record.Id!;

    /// <summary>The state as a word for scripts: waiting, wrong-pin, opened, received, cancelled, expired, locked, failed.</summary>
    public string State => Status switch
    {
        TransferStatus.Completed => "received",
        TransferStatus.Cancelled => "cancelled",
        TransferStatus.Expired => "expired",
        TransferStatus.Failed when IsLocked => "locked",
        TransferStatus.Failed => "failed",
        _ when Record.OpenedAt is not null => "opened",
        _ when WrongGuesses > 0 => "wrong-pin",
        _ => "waiting",
    };

    /// <summary>The state in words.</summary>
    public string Description
    {
        get
        {
            var wrong = WrongGuesses switch
            {
                0 => "",
                1 => " (after 1 wrong PIN)",
                var n => string.Create(CultureInfo.InvariantCulture, $" (after {n} wrong PINs)"),
            };
            return State switch
            {
                "received" => "received" + wrong,
                "cancelled" when CancelledByPeer => $"cancelled by the recipient: {DisplayText.ToLine(CancelReason, 200)}",
                "cancelled" => "cancelled",
                "expired" => Record.OpenedAt is null ? "expired, never opened" : "expired before the recipient finished",
                "locked" => string.Create(CultureInfo.InvariantCulture, $"locked after too many wrong PINs ({WrongGuesses})"),
                "failed" when Failure?.Error == TransferError.WrongPin => "ended: a wrong PIN was tried",
                "failed" => $"failed: {Failure?.Message}",
                "opened" => "opened" + wrong,
                "wrong-pin" => Record.GuessesLeft == 1 ? "wrong PIN — 1 guess left" : $"wrong PIN — {Record.GuessesLeft?.ToString(CultureInfo.InvariantCulture)} guesses left",
                _ => "waiting to be opened",
            };
        }
    }

    /// <summary>Whether the share has ended; its state is then removed.</summary>
    public bool Ended => Status != TransferStatus.Active;

    /// <summary>When the share expires, in words, for a share still live.</summary>
    public string? Expiry => Ended ? null
        : Record.ExpiresAt is { } expires ? $"expires {LocalTime(expires)}"
        : "expiry not known yet";

    /// <summary>Why this run did not ask the relay, in words; null when it did.</summary>
    public string? NotChecked => Checked ? null
        : RunningProcess is { } process ? string.Create(CultureInfo.InvariantCulture, $"tigress share is running it (process {process})")
        : Problem is { } problem ? $"not checked: {problem.Message}"
        : "not checked: another tigress command is using it";

    /// <summary>The one line <c>status</c> prints for the share.</summary>
    public string Line
    {
        get
        {
            var line = $"{Id}  {Description}";
            if (Expiry is { } expiry)
            {
                line += $"; {expiry}";
            }

            if (NotChecked is { } notChecked)
            {
                line += $"; {notChecked}";
            }

            return line + $"; \"{Title}\"";
        }
    }

    /// <summary>The share in detail: label and value pairs.</summary>
    public IReadOnlyList<(string Label, string Value)> Details()
    {
        var details = new List<(string, string)>
        {
            ("Share", Id),
            ("State", Description + (NotChecked is { } notChecked ? $" ({notChecked})" : "")),
            ("Title", Title),
            ("Relay", Record.Relay ?? "?"),
            ("Shared", LocalTime(Record.SharedAt)),
        };
        if (Record.OpenedAt is { } opened)
        {
            details.Add(("Opened", LocalTime(opened)));
        }

        if (Expiry is not null)
        {
            details.Add(("Expires", Record.ExpiresAt is { } expires ? LocalTime(expires) : "not known yet (the relay did not say)"));
        }

        details.Add(("PIN", Record.Pin switch
        {
            "relay-assisted" => string.Create(CultureInfo.InvariantCulture, $"relay-assisted: {Record.GuessesLeft ?? Record.Guesses} of {Record.Guesses} guesses left before the relay locks the share"),
            "spake2" => "SPAKE2: this computer checks the recipient's one guess, when share --resume or status runs",
            _ => "none",
        }));
        details.Add(("State file", Ended ? "removed (the share has ended)" : FilePath));
        return details;
    }

    /// <summary>The <c>--json</c> object of the share.</summary>
    public ShareStatusLine ToJson() => new()
    {
        Id = Id,
        State = State,
        Description = Description,
        Title = Title,
        Relay = Record.Relay,
        Protection = Record.Pin,
        Guesses = Record.Guesses,
        GuessesLeft = Record.GuessesLeft,
        SharedAt = CliEvent.Rfc3339(Record.SharedAt),
        OpenedAt = Record.OpenedAt is { } opened ? CliEvent.Rfc3339(opened) : null,
        ExpiresAt = !Ended && Record.ExpiresAt is { } expires ? CliEvent.Rfc3339(expires) : null,
        Checked = Checked,
        Process = RunningProcess,
        Code = Problem?.Code,
        Message = Problem?.Message,
        File = Ended ? null : FilePath,
        Events = [.. Events.Select(CliEvent.From).OfType<CliEvent>()],
    };

    private string Title => DisplayText.ToLine(Record.Title, 80) ?? "";

    private bool IsLocked => Failure is { Error: TransferError.WrongPin, GuessesLeft: 0 };

    private int WrongGuesses => Record.Guesses is { } guesses && Record.GuessesLeft is { } left ? guesses - left : 0;

    private static string LocalTime(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

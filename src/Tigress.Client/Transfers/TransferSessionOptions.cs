using Microsoft.Extensions.Logging;
using Tigress.Client.Verticals;

namespace Tigress.Client.Transfers;

/// <summary>How a <see cref="TransferSession"/> runs: the verticals it knows, how long it long-polls and waits for
/// the other side, and where it reports state changes and progress.</summary>
public sealed class TransferSessionOptions
{
    /// <summary>The verticals, chosen by the format of the share.</summary>
    /// <remarks>Defaults to <see cref="CredentialVerticals.Default"/>: the generic authorization token and the car
    /// key demonstration.</remarks>
    public IReadOnlyList<ICredentialVertical> Verticals { get; set; } = CredentialVerticals.Default;

    /// <summary>How long one read may wait at the relay for the other side (<c>Prefer: wait</c>); on the event stream,
    /// how long one step waits before it returns with nothing new (without a request).</summary>
    /// <remarks>Defaults to 30 seconds; the relay caps a long poll at 60.</remarks>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Mailbox binding: whether to wait for the other side on the relay's event stream (Server-Sent Events,
    /// docs/protocol.md section 8), which sends no request while nothing happens and reports a claim the moment it happens. A relay
    /// without the stream, or a stream that fails, is long-polled instead.</summary>
    /// <remarks>Defaults to true. Set it to false to long-poll only, for example behind a proxy that buffers
    /// responses. Either way <see cref="Mailbox.MailboxClient.NotifyPushReceived"/> wakes a waiting session.</remarks>
    public bool UseServerSentEvents { get; set; } = true;

    /// <summary>Dropbox binding: how long a side waits for the other side's next message before the transfer ends as
    /// <see cref="TransferStatus.Expired"/>. An initiator's <see cref="ShareRequest.Expiration"/> shortens it.</summary>
    /// <remarks>Defaults to 48 hours, the relay's default lifetime of a message. A plain HTTP server keeps messages
    /// until they are deleted, so this deadline is what ends a transfer whose other side never answers.</remarks>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The longest wait between two tries of a relay that is down, once the share exists (see
    /// <see cref="TransferSession.RunAsync"/>); the waits start at one second and grow with decorrelated jitter; a relay's <c>Retry-After</c> wins.</summary>
    /// <remarks>Defaults to 30 seconds.</remarks>
    public TimeSpan MaxOutageRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Called with the new state after every change, before the session sends anything that depends on it.
    /// Store the state (it holds the share secret: keep it as safe as the credential) to resume after a restart.</summary>
    public Func<TransferState, CancellationToken, ValueTask>? StateChanged { get; set; }

    /// <summary>Initiator of a SPAKE2 PIN share: how long after a device claimed the share without answering the PIN
    /// step <see cref="TransferEventKind.ClaimUnanswered"/> is reported (the device holds the share until it answers).</summary>
    /// <remarks>Defaults to 3 minutes.</remarks>
    public TimeSpan ClaimAnswerTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Called for every step of the transfer, for progress displays. Keep it quick; it runs inline.</summary>
    public Action<TransferEvent>? EventOccurred { get; set; }

    /// <summary>Where the SDK logs what it does (steps, HTTP methods and statuses, retries; never a URL, a claim, a
    /// secret or a payload). <c>services.AddTigressClient()</c> sets it from the container.</summary>
    /// <remarks>Defaults to null: no logs.</remarks>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock handed to the verticals and used for the dropbox binding's deadlines.</summary>
    /// <remarks>Defaults to <see cref="TimeProvider.System"/>.</remarks>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

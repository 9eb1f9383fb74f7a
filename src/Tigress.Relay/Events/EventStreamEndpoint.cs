using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Attestation;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Hosting;
using Tigress.Relay.Mailboxes;
using Tigress.Relay.Problems;
using Tigress.Relay.Storage;
using Tigress.Protocol.Wire;

namespace Tigress.Relay.Events;

/// <summary>
/// <c>GET /v1/m/{id}/events</c> (docs/protocol.md section 8): a Server-Sent Events stream of what happens to one mailbox, for a bound
/// claim. Every event carries its number in the mailbox's log as <c>id</c>, so a client that reconnects with
/// <c>Last-Event-ID</c> gets what it missed. The stream ends itself with <c>deleted</c> or <c>expired</c>, which are
/// not in the log (it goes with the mailbox): it learns of a delete from the wake-up and of expiry from the clock.
/// </summary>
internal sealed class EventStreamEndpoint(
    IMailboxStore store,
    EventStreamLimiter limiter,
    IOptions<RelayOptions> options,
    [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time,
    IDeviceAttestationVerifier attestation,
    IHostApplicationLifetime lifetime,
    RelayMetrics metrics,
    ILogger<EventStreamEndpoint> logger)
{
    public const string ContentType = "text/event-stream";

    // Browsers wait this long before reconnecting a dropped stream.
    private static readonly byte[] s_preamble = "retry: 3000\n\n"u8.ToArray();
    private static readonly byte[] s_keepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly EventStreamOptions _options = options.Value.Events;
    private readonly IMailboxStore _store = store;
    private readonly TimeProvider _time = time;

    public async Task StreamAsync(HttpContext context, Guid mailboxId)
    {
        MailboxHeaders.Echo(context);
        var request = context.Request;
        Guid claim = default;
        long? lastEventId = null;
        Problem? problem = null;

        // Mailbox-Request-ID is optional on this GET: nothing is recorded for it, but a malformed one is still refused.
        var valid = (request.Headers[MailboxHeaderNames.RequestId].Count == 0 || MailboxHeaders.TryGetRequestId(request, out _, out problem))
            && MailboxHeaders.TryGetClaim(request, out claim, out problem)
            && TryGetLastEventId(request, out lastEventId, out problem);
        if (!valid)
        {
            await ProblemWriter.WriteAsync(context, problem!).ConfigureAwait(false);
            return;
        }

        string? evidence = request.Headers[MailboxHeaderNames.DeviceAttestation];
        if (!await attestation.VerifyAsync(evidence, MailboxOperation.Read, context.RequestAborted).ConfigureAwait(false))
        {
            await ProblemWriter.WriteAsync(context, Problem.AttestationRejected()).ConfigureAwait(false);
            return;
        }

        // A stream also ends when the relay stops, so a graceful shutdown does not wait on it.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ending.Token;
        var hash = ClaimHash.Of(claim);

        // Watch before the first read, so a change between the two still wakes the stream.
        var watch = _store.Watch(mailboxId);
        try
        {
            var first = await _store.ReadEventsAsync(mailboxId, hash, lastEventId ?? long.MaxValue, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (first.Status != MailboxStatus.Ok)
            {
                await ProblemWriter.WriteAsync(context, Problem.NotFound()).ConfigureAwait(false);
                return;
            }

            if (first.Role is not { } side)
            {
                await ProblemWriter.WriteAsync(context, Problem.WrongClaim("Only the mailbox's initiator and its bound recipient may follow its events.")).ConfigureAwait(false);
                return;
            }

            if (!limiter.TryEnter(mailboxId, _options.MaxStreamsPerMailbox))
            {
                await ProblemWriter.WriteAsync(context, Problem.TooManyStreams(_options.MaxStreamsPerMailbox)).ConfigureAwait(false);
                return;
            }

            metrics.StreamOpened();
            try
            {
                var stream = new Stream(this, context, mailboxId, hash, side, first, lastEventId);
                await stream.RunAsync(watch, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                limiter.Exit(mailboxId);
                metrics.StreamClosed();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the relay is stopping: either way the stream is over.
            RelayLog.EventStreamEnded(logger);
        }
        finally
        {
            // The stream takes a fresh watch after each wake-up and disposes those itself; disposing twice is harmless.
            watch.Dispose();
        }
    }

    private static bool TryGetLastEventId(HttpRequest request, out long? lastEventId, out Problem? problem)
    {
        lastEventId = null;
        problem = null;
        var values = request.Headers[MailboxHeaderNames.LastEventId];
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(values[0])))
        {
            return true;
        }

        if (values.Count > 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            problem = Problem.InvalidHeader("The Last-Event-ID header must be the id of an event this stream sent: a non-negative integer.");
            return false;
        }

        lastEventId = id;
        return true;
    }

    /// <summary>One open stream: where it is in the mailbox's log, and what it knows of the mailbox.</summary>
    private sealed class Stream(EventStreamEndpoint owner, HttpContext context, Guid mailboxId, ClaimHash claim, MailboxRole side, MailboxEventsResult first, long? lastEventId)
    {
        private readonly long _opened = owner._time.GetTimestamp();

        // Without Last-Event-ID the stream starts at the present; an id beyond the log's end means the same.
        private long _cursor = Math.Min(lastEventId ?? first.LastSequence, first.LastSequence);
        private DateTimeOffset _expiresAt = first.ExpiresAt;
        private long _lastWrite;

        // Which side deleted the mailbox, as told by the wake-up of the delete (the log goes with the mailbox).
        private MailboxRole? _deletedBy;

        // Past its time the stream ends; the client reconnects with Last-Event-ID and misses nothing.
        private TimeSpan UntilEnd => owner._options.MaxDuration - owner._time.GetElapsedTime(_opened);

        public async Task RunAsync(MailboxWatch initialWatch, CancellationToken cancellationToken)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await WriteAsync(s_preamble, cancellationToken).ConfigureAwait(false);

            var result = first;
            var watch = initialWatch;
            try
            {
                while (true)
                {
                    if (result.Status != MailboxStatus.Ok)
                    {
                        await WriteEndAsync(_deletedBy ?? DeletedBy(watch), cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    _expiresAt = result.ExpiresAt;
                    if (!await WriteEventsAsync(result, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    // A full page means more are waiting: read on without waiting.
                    if (result.Events.Count == 0 || _cursor >= result.LastSequence)
                    {
                        await WaitAsync(watch, cancellationToken).ConfigureAwait(false);
                        if (UntilEnd <= TimeSpan.Zero)
                        {
                            return;
                        }
                    }

                    // A fresh watch before each read, so nothing between this read and the next wait is missed.
                    if (watch.Changed.IsCompleted)
                    {
                        _deletedBy ??= DeletedBy(watch);
                        watch.Dispose();
                        watch = owner._store.Watch(mailboxId);
                    }

                    result = await owner._store.ReadEventsAsync(mailboxId, claim, _cursor, owner._time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (!ReferenceEquals(watch, initialWatch))
                {
                    watch.Dispose();
                }
            }
        }

        /// <summary>Waits for a change, the mailbox's expiry or the keep-alive time, sending keep-alives meanwhile.</summary>
        private async Task WaitAsync(MailboxWatch watch, CancellationToken cancellationToken)
        {
            var keepAlive = owner._options.KeepAliveInterval;
            while (!watch.Changed.IsCompleted)
            {
                var now = owner._time.GetUtcNow();
                var untilExpiry = _expiresAt - now;
                if (untilExpiry <= TimeSpan.Zero)
                {
                    return;
                }

                var untilEnd = UntilEnd;
                if (untilEnd <= TimeSpan.Zero)
                {
                    return;
                }

                var untilKeepAlive = keepAlive - owner._time.GetElapsedTime(_lastWrite);
                if (untilKeepAlive <= TimeSpan.Zero)
                {
                    await WriteAsync(s_keepAlive, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(Shortest(untilExpiry, untilKeepAlive, untilEnd), owner._time, timer.Token);
                await Task.WhenAny(watch.Changed, delay).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        private static MailboxRole? DeletedBy(MailboxWatch watch) => watch.Change is { Kind: MailboxEventKind.Deleted, Side: var side } ? side : null;

        private static TimeSpan Shortest(TimeSpan a, TimeSpan b, TimeSpan c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

        /// <summary>Sends the events of one read; false once the stream must end because its recipient let go.</summary>
        private async Task<bool> WriteEventsAsync(MailboxEventsResult result, CancellationToken cancellationToken)
        {
            if (result.Events.Count == 0)
            {
                return result.Role == side;
            }

            var text = new StringBuilder();
            var lostClaim = result.Role != side;
            var last = false;
            foreach (var entry in result.Events)
            {
                if (entry.Sequence <= _cursor)
                {
                    continue;
                }

                AppendEvent(text, entry.Sequence, entry.Kind, entry.Side, entry.GuessesLeft);
                _cursor = entry.Sequence;

                // A relinquished recipient hears of its own relinquish and nothing after it.
                if (lostClaim && entry.Kind == MailboxEventKind.Relinquished)
                {
                    last = true;
                    break;
                }
            }

            if (text.Length > 0)
            {
                await WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
            }

            return !last && !lostClaim;
        }

        /// <summary>The mailbox is gone: it expired if its time has come, else a side deleted it.</summary>
        private Task WriteEndAsync(MailboxRole? deletedBy, CancellationToken cancellationToken)
        {
            var expired = owner._time.GetUtcNow() >= _expiresAt;
            var text = new StringBuilder();
            AppendEvent(
                text,
                _cursor + 1,
                expired ? MailboxEventKind.Expired : MailboxEventKind.Deleted,
                expired ? null : deletedBy);
            return WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        }

        private static void AppendEvent(StringBuilder text, long sequence, MailboxEventKind kind, MailboxRole? side, int? guessesLeft = null) =>
            text.Append("id: ").Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("data: ").Append(MailboxEventWire.Json(kind, side, guessesLeft)).Append("\n\n");

        private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            _lastWrite = owner._time.GetTimestamp();
        }
    }
}

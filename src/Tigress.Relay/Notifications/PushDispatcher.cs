using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Relay.Events;
using Tigress.Relay.Hosting;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Notifications;

/// <summary>
/// Sends queued wake-ups with <see cref="PushOptions.MaxConcurrentSends"/> workers, each attempt bounded by
/// <see cref="PushOptions.SendTimeout"/>. A passing failure is retried with exponential backoff (or the push
/// service's <c>Retry-After</c>) while the mailbox lives and attempts remain; a token its service calls gone is
/// forgotten. Nothing here runs on a request's path.
/// </summary>
internal sealed class PushDispatcher(
    PushQueue queue,
    PushProviders providers,
    IMailboxStore store,
    IOptions<RelayOptions> options,
    [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time,
    RelayMetrics metrics,
    ILogger<PushDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_longestBackoff = TimeSpan.FromMinutes(5);

    private readonly PushOptions _options = options.Value.Push;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OriginBreaker> _breakers = new();

    /// <summary>How many attempts in a row that a push service origin leaves unanswered open its circuit.</summary>
    internal const int BreakerThreshold = 5;

    /// <summary>How long an open circuit refuses sends to its origin before one attempt may try it again.</summary>
    internal static readonly TimeSpan BreakerPause = TimeSpan.FromSeconds(30);

    /// <summary>The Topic of a mailbox's pushes: 24 bytes of SHA-256 of its id, 32 base64url characters, so the push service never sees the id.</summary>
    public static string TopicOf(Guid mailboxId)
    {
        Span<byte> id = stackalloc byte[16];
        mailboxId.TryWriteBytes(id, bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(id, hash);
        return System.Buffers.Text.Base64Url.EncodeToString(hash[..24]);
    }

    public static string ContentOf(Guid mailboxId, MailboxEventKind kind) =>
        MailboxEventWire.PushContent(mailboxId, kind);

    public static PushUrgency UrgencyOf(MailboxEventKind kind) => kind switch
    {
        // A transfer in progress waits on these.
        MailboxEventKind.Claimed or MailboxEventKind.Updated or MailboxEventKind.PinFailed => PushUrgency.High,
        MailboxEventKind.Deleted => PushUrgency.Normal,
        _ => PushUrgency.Low,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (providers.TokenTypes.Count == 0)
        {
            return;
        }

        RelayLog.PushStarted(logger, _options.MaxConcurrentSends);
        try
        {
            var workers = Enumerable.Range(0, _options.MaxConcurrentSends).Select(_ => WorkAsync(stoppingToken));
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; wake-ups still queued are lost, as a push is only ever a hint.
        }
        finally
        {
            RelayLog.PushStopped(logger);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var job = await queue.DequeueAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await SendAsync(job, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                queue.Complete(job);
            }
        }
    }

    internal async Task SendAsync(PushJob job, CancellationToken stoppingToken)
    {
        if (providers.ForStoredToken(job.Token) is not { } provider || TokenDataOf(job.Token) is not { } tokenData)
        {
            return;
        }

        var wakeUp = new PushWakeUp
        {
            TokenData = tokenData,
            MailboxId = job.MailboxId,
            Event = job.Event,
            TimeToLive = Floor(job.Deadline - time.GetUtcNow()),
            Topic = TopicOf(job.MailboxId),
            Urgency = UrgencyOf(job.Event),
            Content = ContentOf(job.MailboxId, job.Event),
        };

        // An origin that keeps leaving attempts unanswered is not tried while its circuit is open: the wake-up waits
        // for the pause to end (and counts an attempt), and holds no sender meanwhile.
        var breaker = _breakers.GetOrAdd(job.Origin, static _ => new OriginBreaker());
        if (!breaker.TryPass(time.GetUtcNow(), out var openFor))
        {
            metrics.PushCircuitOpen();
            ScheduleRetry(job, openFor, stoppingToken);
            return;
        }

        var started = time.GetTimestamp();
        var unanswered = false;
        PushResult result;
        using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            attempt.CancelAfter(_options.SendTimeout);
            try
            {
                result = await provider.SendAsync(wakeUp, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                unanswered = true;
                result = PushResult.RetryLater();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The exception's message may name the endpoint; only its type is logged.
                RelayLog.PushProviderFailed(logger, provider.TokenType, e.GetType().Name);
                result = PushResult.Failed;
            }
        }

        breaker.Record(unanswered, time.GetUtcNow(), BreakerThreshold, BreakerPause);
        metrics.PushCompleted(provider.TokenType, result.Status, time.GetElapsedTime(started));
        switch (result.Status)
        {
            case PushStatus.TokenGone:
                RelayLog.PushTokenGone(logger, provider.TokenType);
                await ForgetAsync(job, stoppingToken).ConfigureAwait(false);
                break;
            case PushStatus.RetryLater:
                ScheduleRetry(job, result.RetryAfter, stoppingToken);
                break;
            case PushStatus.Failed:
                RelayLog.PushFailed(logger, provider.TokenType);
                break;
        }
    }

    private void ScheduleRetry(PushJob job, TimeSpan? retryAfter, CancellationToken stoppingToken)
    {
        var attempts = job.Attempt + 1;
        var backoff = retryAfter ?? s_firstBackoff * Math.Pow(2, job.Attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        backoff = backoff < TimeSpan.Zero ? TimeSpan.Zero : backoff > s_longestBackoff ? s_longestBackoff : backoff;
        if (attempts >= _options.MaxAttempts || time.GetUtcNow() + backoff >= job.Deadline)
        {
            RelayLog.PushGaveUp(logger, attempts);
            return;
        }

        _ = RetryLaterAsync(job with { Attempt = attempts }, backoff, stoppingToken);
    }

    private async Task RetryLaterAsync(PushJob job, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            queue.EnqueueRetry(job);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ForgetAsync(PushJob job, CancellationToken stoppingToken)
    {
        try
        {
            await store.DropNotificationTokenAsync(job.MailboxId, job.Side, job.Token, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RelayLog.PushForgetFailed(logger, e.GetType().Name);
        }
    }

    private static JsonElement? TokenDataOf(byte[] token)
    {
        try
        {
            using var document = JsonDocument.Parse(token);
            return document.RootElement.TryGetProperty("tokenData", out var data) ? data.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The circuit of one push service origin: closed while it answers; open for <see cref="BreakerPause"/> after
    /// <see cref="BreakerThreshold"/> attempts in a row went unanswered; then half-open, letting one attempt through,
    /// whose answer closes it and whose silence opens it again.
    /// </summary>
    private sealed class OriginBreaker
    {
        private readonly Lock _lock = new();
        private int _unanswered;
        private DateTimeOffset? _openUntil;
        private bool _probing;

        public bool TryPass(DateTimeOffset now, out TimeSpan openFor)
        {
            lock (_lock)
            {
                openFor = TimeSpan.Zero;
                if (_openUntil is not { } until)
                {
                    return true;
                }

                if (now < until || _probing)
                {
                    openFor = now < until ? until - now : BreakerPause;
                    return false;
                }

                _probing = true;
                return true;
            }
        }

        public void Record(bool unanswered, DateTimeOffset now, int threshold, TimeSpan pause)
        {
            lock (_lock)
            {
                _probing = false;
                if (!unanswered)
                {
                    _unanswered = 0;
                    _openUntil = null;
                    return;
                }

                if (++_unanswered >= threshold)
                {
                    _openUntil = now + pause;
                }
            }
        }
    }

    private static TimeSpan Floor(TimeSpan value) =>
        value <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
}

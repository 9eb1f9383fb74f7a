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
                queue.Complete(job.Key);
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

        var started = time.GetTimestamp();
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
                result = PushResult.RetryLater();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The exception's message may name the endpoint; only its type is logged.
                RelayLog.PushProviderFailed(logger, provider.TokenType, e.GetType().Name);
                result = PushResult.Failed;
            }
        }

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

    private static TimeSpan Floor(TimeSpan value) =>
        value <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
}

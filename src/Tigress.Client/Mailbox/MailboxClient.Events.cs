using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Tigress.Client.Diagnostics;
using Tigress.Client.Http;
using Tigress.Protocol;
using Tigress.Protocol.Wire;
using Tigress.Protocol.Wire.Messages;

namespace Tigress.Client.Mailbox;

/// <summary>Notifications: the relay's event stream (docs/protocol.md section 8), and wake-ups from a platform push service.</summary>
public sealed partial class MailboxClient
{
    private const string EventStreamMediaType = "text/event-stream";

    // A connection that stayed up this long was healthy, even if it carried no event: its end is a fresh failure.
    private static readonly TimeSpan s_stableConnection = TimeSpan.FromSeconds(15);

    private readonly Dictionary<Guid, List<Action<MailboxEventKind>>> _pushListeners = [];

    /// <summary>
    /// Follows a mailbox's events: <c>GET {mailbox}/events</c> as Server-Sent Events (docs/protocol.md section 8), with the initiator's
    /// or the bound recipient's claim. A dropped connection is reopened with <c>Last-Event-ID</c> after a backoff, so
    /// no event is lost or repeated; the sequence ends after <see cref="MailboxEventKind.Deleted"/> or
    /// <see cref="MailboxEventKind.Expired"/>.
    /// </summary>
    /// <param name="mailboxUri">The mailbox's request URL.</param>
    /// <param name="claim">This device's claim; opening the stream never claims a mailbox.</param>
    /// <param name="lastEventId">The <see cref="MailboxEvent.Id"/> of the last event handled: the stream first sends
    /// every later one (0 replays the whole log). Null starts at the present.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <remarks>Events the relay names but this client does not know are skipped, as are unknown fields, comments and
    /// keep-alives. A line over 4 KiB or an event over 16 KiB ends the sequence with a
    /// <see cref="TigressProtocolException"/>. The wait between reconnections follows
    /// <see cref="MailboxClientOptions"/> (at least a <c>retry</c> the relay sent, at most
    /// <see cref="MailboxClientOptions.MaxRetryDelay"/>); after <see cref="MailboxClientOptions.MaxRetries"/> failed
    /// attempts in a row the sequence ends with <see cref="MailboxError.RelayUnreachable"/>.</remarks>
    /// <exception cref="MailboxException">The relay refused the stream (<see cref="MailboxError.NotFound"/> for a
    /// mailbox that is gone, <see cref="MailboxError.WrongClaim"/> for a claim that is not bound), does not offer it
    /// (<see cref="MailboxError.UnexpectedResponse"/>), or could not be reached.</exception>
    /// <exception cref="TigressProtocolException">The relay sent a malformed event stream.</exception>
    public IAsyncEnumerable<MailboxEvent> ReadEventsAsync(
        Uri mailboxUri,
        Guid claim,
        long? lastEventId = null,
        CancellationToken cancellationToken = default)
    {
        CheckMailboxUri(mailboxUri);
        if (lastEventId is { } id)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id, nameof(lastEventId));
        }

        return ReadEventsCoreAsync(mailboxUri, claim, lastEventId, null, cancellationToken);
    }

    /// <summary>
    /// Tells the sessions waiting on <paramref name="mailboxId"/> through this client that a platform push message
    /// (Web Push, APNs, FCM) said the mailbox changed, so they read it now instead of at their next wake-up. Call it
    /// from the app's push handler; the relay's push content is <c>{"mailbox": "&lt;id&gt;", "event": "updated"}</c>.
    /// </summary>
    /// <param name="mailboxId">The mailbox the push named.</param>
    /// <param name="kind">The event the push named: <see cref="MailboxEventKind.Claimed"/> reports the claim to a waiting
    /// initiator; any other kind makes the waiting side read the mailbox once.</param>
    /// <returns>True when a session was waiting on that mailbox.</returns>
    public bool NotifyPushReceived(Guid mailboxId, MailboxEventKind kind = MailboxEventKind.Updated)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        Action<MailboxEventKind>[] targets;
        lock (_pushListeners)
        {
            if (!_pushListeners.TryGetValue(mailboxId, out var listeners))
            {
                return false;
            }

            targets = [.. listeners];
        }

        foreach (var target in targets)
        {
            target(kind);
        }

        return targets.Length > 0;
    }

    /// <summary>Registers a waiter for <see cref="NotifyPushReceived"/> until the returned handle is disposed.</summary>
    internal IDisposable ListenForPush(Guid mailboxId, Action<MailboxEventKind> onPush)
    {
        lock (_pushListeners)
        {
            if (!_pushListeners.TryGetValue(mailboxId, out var listeners))
            {
                _pushListeners[mailboxId] = listeners = [];
            }

            listeners.Add(onPush);
        }

        return new PushRegistration(this, mailboxId, onPush);
    }

    /// <summary>The events of <paramref name="mailboxUri"/>, with <paramref name="connected"/> called each time a
    /// connection is established and before any of its events is returned.</summary>
    internal async IAsyncEnumerable<MailboxEvent> ReadEventsCoreAsync(
        Uri mailboxUri,
        Guid claim,
        long? lastEventId,
        Action? connected,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var eventsUri = new Uri(mailboxUri.AbsoluteUri.TrimEnd('/') + "/events");
        var cursor = lastEventId;
        var failures = 0;
        var backoff = _retry.Start();
        TimeSpan? retry = null;
        while (true)
        {
            var (response, failure, retryAfter) = await OpenEventsAsync(eventsUri, claim, cursor, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                using (response)
                {
                    var opened = _options.TimeProvider.GetTimestamp();
                    var delivered = false;
                    var reader = new ServerSentEventReader(
                        await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                        _options.EventStreamIdleTimeout,
                        _options.TimeProvider);
                    ClientLog.EventStreamOpened(_logger);
                    connected?.Invoke();
                    while (true)
                    {
                        var (next, error) = await ReadNextAsync(reader, cancellationToken).ConfigureAwait(false);
                        retry = reader.Retry ?? retry;
                        if (next is not { } raw)
                        {
                            failure = error;
                            break;
                        }

                        var before = cursor;
                        var mailboxEvent = ToMailboxEvent(raw, ref cursor);

                        // Only an event past the last one counts as progress: a relay that replays its log on every
                        // connection, or ends each connection at once, still meets the growing backoff and its bound.
                        delivered |= cursor > before || (before is null && cursor is not null);
                        if (mailboxEvent is null)
                        {
                            continue;
                        }

                        yield return mailboxEvent;
                        if (mailboxEvent.Kind is MailboxEventKind.Deleted or MailboxEventKind.Expired)
                        {
                            yield break;
                        }
                    }

                    if (delivered || _options.TimeProvider.GetElapsedTime(opened) >= s_stableConnection)
                    {
                        failures = 0;
                        backoff.Reset();
                    }
                }
            }

            if (failures >= _options.MaxRetries)
            {
                ClientLog.EventStreamGaveUp(_logger, failures + 1);
                throw new MailboxException(MailboxError.RelayUnreachable, "The relay's event stream could not be kept open.", innerException: failure);
            }

            // The relay's retry field is the least wait, as a browser would honour it; the backoff grows from there.
            var delay = backoff.Next(retryAfter);
            if (retryAfter is null && retry is { } asked && asked > delay)
            {
                delay = asked < _options.MaxRetryDelay ? asked : _options.MaxRetryDelay;
            }

            failures++;
            ClientLog.EventStreamReconnecting(_logger, failure?.GetType().Name ?? "end of stream", delay);
            ClientTelemetry.Retried("mailbox", HttpMethod.Get);
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens one connection: the response when the relay answered with an event stream; the failure and any
    /// <c>Retry-After</c> when it is worth trying again. Throws when it is not.</summary>
    private async Task<(HttpResponseMessage? Response, Exception? Failure, TimeSpan? RetryAfter)> OpenEventsAsync(
        Uri eventsUri,
        Guid claim,
        long? cursor,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, eventsUri);
        request.Headers.TryAddWithoutValidation(MailboxHeaderNames.DeviceClaim, claim.ToString("D"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamMediaType));
        if (cursor is { } id)
        {
            request.Headers.TryAddWithoutValidation(MailboxHeaderNames.LastEventId, id.ToString(CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (HttpRetryPolicy.IsTransientFailure(exception, cancellationToken))
        {
            return (null, exception, null);
        }

        var status = response.StatusCode;
        if (HttpRetryPolicy.IsRedirect(response, eventsUri))
        {
            response.Dispose();
            throw new MailboxException(
                MailboxError.UnexpectedResponse,
                $"The relay answered the event stream with a redirect (HTTP {(int)status}), which this client never follows with a device claim.",
                status);
        }

        if (status == HttpStatusCode.OK)
        {
            if (string.Equals(response.Content.Headers.ContentType?.MediaType, EventStreamMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return (response, null, null);
            }

            response.Dispose();
            throw new MailboxException(
                MailboxError.UnexpectedResponse,
                "The relay does not offer an event stream for this mailbox: it answered with another kind of content.",
                status);
        }

        using (response)
        {
            if (HttpRetryPolicy.IsTransient(status))
            {
                return (null, new MailboxException(MailboxError.RelayFailure, "The relay could not open the event stream now.", status), _retry.RetryAfter(response));
            }

            byte[] body;
            try
            {
                body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                body = [];
            }

            EnsureSuccess(new RawResponse(status, body, null), "follow the mailbox's events");
            throw new MailboxException(MailboxError.UnexpectedResponse, "The relay answered the event stream with an unexpected status.", status);
        }
    }

    /// <summary>The next event, or null with the reason the connection ended (null when the relay closed it).</summary>
    private static async Task<(ServerSentEvent? Event, Exception? Failure)> ReadNextAsync(ServerSentEventReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return (null, exception);
        }
    }

    /// <summary>The mailbox event a stream event carries, or null for an event this client does not know.</summary>
    private static MailboxEvent? ToMailboxEvent(ServerSentEvent raw, ref long? cursor)
    {
        MailboxEventMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(raw.Data, WireJsonContext.Default.MailboxEventMessage);
        }
        catch (JsonException exception)
        {
            throw new TigressProtocolException(ProtocolErrorCodes.MalformedMessage, "The relay sent an event whose data is not the expected JSON object.", exception);
        }

        // The relay names the event in the data; a stream that uses the event field instead is understood too.
        var name = message?.Event ?? (raw.Type == "message" ? null : raw.Type);
        MailboxEventKind? kind = name switch
        {
            MailboxEventNames.Claimed => MailboxEventKind.Claimed,
            MailboxEventNames.Updated => MailboxEventKind.Updated,
            MailboxEventNames.Relinquished => MailboxEventKind.Relinquished,
            MailboxEventNames.Deleted => MailboxEventKind.Deleted,
            MailboxEventNames.Expired => MailboxEventKind.Expired,
            MailboxEventNames.PinFailed when message?.GuessesLeft is >= 0 => MailboxEventKind.PinFailed,
            _ => null,
        };
        MailboxSide? side = message?.Side switch
        {
            MailboxEventNames.Initiator => MailboxSide.Initiator,
            MailboxEventNames.Recipient => MailboxSide.Recipient,
            _ => null,
        };

        // The id moves on even for an event this client skips, so a reconnect does not ask for it again.
        long id = 0;
        if (long.TryParse(raw.LastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            id = parsed;
            cursor = parsed;
        }

        return kind is { } known ? new MailboxEvent(id, known, side) { GuessesLeft = kind == MailboxEventKind.PinFailed ? message!.GuessesLeft : null } : null;
    }

    private sealed class PushRegistration(MailboxClient client, Guid mailboxId, Action<MailboxEventKind> onPush) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lock (client._pushListeners)
            {
                if (client._pushListeners.TryGetValue(mailboxId, out var listeners))
                {
                    listeners.Remove(onPush);
                    if (listeners.Count == 0)
                    {
                        client._pushListeners.Remove(mailboxId);
                    }
                }
            }
        }
    }
}

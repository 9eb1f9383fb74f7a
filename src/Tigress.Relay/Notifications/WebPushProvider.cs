using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tigress.Relay.Diagnostics;
using Tigress.Protocol.Wire;
using Tigress.Relay.Hosting;

namespace Tigress.Relay.Notifications;

/// <summary>
/// <c>webpush</c> tokens: RFC 8030 delivery of an RFC 8291 (aes128gcm) encrypted message, signed with the relay's
/// VAPID key (RFC 8292), through Lib.Net.Http.WebPush on an HTTP client that only reaches public addresses.
/// </summary>
internal sealed class WebPushProvider : IPushProvider, IDisposable
{
    public const string Type = NotificationTokenTypes.WebPush;

    // Push services keep messages at most about four weeks; a mailbox never lives that long anyway.
    private static readonly TimeSpan s_longestTtl = TimeSpan.FromDays(28);

    private readonly PushEndpointGuard _guard;
    private readonly HttpClient _http;
    private readonly PushServiceClient _client;
    private readonly VapidAuthentication _vapid;
    private readonly TimeProvider _time;
    private readonly RelayMetrics _metrics;
    private readonly ILogger<WebPushProvider> _logger;

    // Any client can register endpoints that get refused: at most one warning a minute, the rest counted.
    private readonly LogThrottle _refusedWarning;

    public WebPushProvider(
        VapidKeys keys,
        PushEndpointGuard guard,
        IOptions<RelayOptions> options,
        [FromKeyedServices(RelayOptions.ClockServiceKey)] TimeProvider time,
        RelayMetrics metrics,
        ILogger<WebPushProvider> logger)
    {
        _guard = guard;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _refusedWarning = new LogThrottle(time, TimeSpan.FromMinutes(1));
        _vapid = new VapidAuthentication(keys.PublicKey, keys.PrivateKey)
        {
            Subject = Subject(options.Value),
            TokenCache = new VapidTokenCache(time),
        };
        var sockets = new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // A push service that does not accept within 3 s is as good as a tarpit; Relay:Push:SendTimeout bounds the rest.
            ConnectTimeout = TimeSpan.FromSeconds(3),

            // Connections are re-made, and so re-resolved and re-checked, every few minutes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 16,
            MaxResponseHeadersLength = 16,
            MaxResponseDrainSize = 16 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
        };

        // The dispatcher bounds each attempt with Relay:Push:SendTimeout.
        _http = new HttpClient(new PushHttpHandler(_vapid) { InnerHandler = sockets }) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new PushServiceClient(_http)
        {
            AutoRetryAfter = false,
            DefaultAuthentication = _vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        };
    }

    public string TokenType => Type;

    public string? Validate(JsonElement tokenData) =>
        WebPushSubscription.TryParse(tokenData, _guard, out _, out var reason) ? null : reason;

    public async Task<PushResult> SendAsync(PushWakeUp wakeUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUp);

        // Checked again: the relay's settings may have changed since the device registered the token.
        if (!WebPushSubscription.TryParse(wakeUp.TokenData, _guard, out var subscription, out _))
        {
            Refused();
            return PushResult.Failed;
        }

        var target = new PushSubscription { Endpoint = subscription.Endpoint.AbsoluteUri };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var ttl = wakeUp.TimeToLive < TimeSpan.Zero ? TimeSpan.Zero : wakeUp.TimeToLive > s_longestTtl ? s_longestTtl : wakeUp.TimeToLive;
        var message = new PushMessage(wakeUp.Content)
        {
            Topic = wakeUp.Topic,
            TimeToLive = (int)ttl.TotalSeconds,
            Urgency = wakeUp.Urgency switch
            {
                PushUrgency.VeryLow => PushMessageUrgency.VeryLow,
                PushUrgency.Low => PushMessageUrgency.Low,
                PushUrgency.High => PushMessageUrgency.High,
                _ => PushMessageUrgency.Normal,
            },
        };

        try
        {
            await _client.RequestPushMessageDeliveryAsync(target, message, cancellationToken).ConfigureAwait(false);
            return PushResult.Delivered;
        }
        catch (PushServiceClientException e)
        {
            return (int)e.StatusCode switch
            {
                404 or 410 => PushResult.TokenGone,
                429 or >= 500 => PushResult.RetryLater(RetryAfter(e)),
                _ => PushResult.Failed,
            };
        }
        catch (HttpRequestException e) when (IsRefusal(e))
        {
            Refused();
            return PushResult.Failed;
        }
        catch (HttpRequestException)
        {
            // Connection refused or reset, TLS failure: the push service may be back later.
            return PushResult.RetryLater();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _vapid.Dispose();
    }

    private static string? Subject(RelayOptions options)
    {
        if (options.Push.VapidSubject is { Length: > 0 } subject)
        {
            return subject;
        }

        return options.PublicUrl is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url.TrimEnd('/') : null;
    }

    private static bool IsRefusal(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is PushEndpointRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private TimeSpan? RetryAfter(PushServiceClientException e)
    {
        var header = e.Headers?.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
    }

    private void Refused()
    {
        _metrics.PushRefused();
        if (_refusedWarning.TryEnter(out var held))
        {
            RelayLog.PushEndpointRefused(_logger, held);
        }
    }
}

using Microsoft.Extensions.Logging;
namespace Tigress.Client.Mailbox;

/// <summary>Retry and size settings for <see cref="MailboxClient"/>.</summary>
public sealed class MailboxClientOptions
{
    /// <summary>How many times a request that failed for a transient reason (no connection, a lost response,
    /// 408, 429, 5xx) is sent again, with the same request id.</summary>
    /// <remarks>Defaults to 4.</remarks>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The wait before the first retry; each later wait is drawn at random between it and three times the previous wait (decorrelated jitter), up to the maximum.</summary>
    /// <remarks>Defaults to 500 milliseconds.</remarks>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts of the client's own backoff. A relay's <c>Retry-After</c> is honoured
    /// up to this or one minute, whichever is longer.</summary>
    /// <remarks>Defaults to 10 seconds.</remarks>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a relay may take to answer one request, beyond any wait the request asks it to hold
    /// (<c>Prefer: wait</c>); past it the attempt counts as a lost answer and is retried.</summary>
    /// <remarks>Defaults to 30 seconds.</remarks>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response body accepted from a relay.</summary>
    /// <remarks>Defaults to 1 MiB, well above the relay's 128 KiB request limit.</remarks>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>How long an event stream (<see cref="MailboxClient.ReadEventsAsync"/>) may stay silent, keep-alive
    /// comments included, before the client takes the connection for dead and reconnects. Keep it above the relay's
    /// keep-alive interval.</summary>
    /// <remarks>Defaults to 60 seconds, four times the relay's default keep-alive interval of 15 seconds.</remarks>
    public TimeSpan EventStreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the SDK logs what it does (steps, HTTP methods and statuses, retries; never a URL, a claim, a
    /// secret or a payload). <c>services.AddTigressClient()</c> sets it from the container.</summary>
    /// <remarks>Defaults to null: no logs.</remarks>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock used for retry delays.</summary>
    /// <remarks>Defaults to <see cref="TimeProvider.System"/>.</remarks>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

using Microsoft.Extensions.Logging;
namespace Tigress.Client.Dropbox;

/// <summary>Retry, polling and size settings for <see cref="DropboxClient"/>.</summary>
public sealed class DropboxClientOptions
{
    /// <summary>How many times a request that failed for a transient reason (no connection, a lost response, 408,
    /// 429, 5xx) is sent again.</summary>
    /// <remarks>Defaults to 4.</remarks>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The wait before the first retry; each later wait is drawn at random between it and three times the previous wait (decorrelated jitter), up to the maximum.</summary>
    /// <remarks>Defaults to 500 milliseconds.</remarks>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts of the client's own backoff. A server's <c>Retry-After</c> is honoured
    /// up to this or one minute, whichever is longer.</summary>
    /// <remarks>Defaults to 10 seconds.</remarks>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first pause between two reads of a location on a server that does not hold a read open
    /// (<c>Prefer: wait</c>); each later pause is drawn at random between it and three times the previous pause (decorrelated jitter), up to the maximum.</summary>
    /// <remarks>Defaults to 500 milliseconds.</remarks>
    public TimeSpan InitialPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause between two reads when polling.</summary>
    /// <remarks>Defaults to 15 seconds.</remarks>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the server may take to answer one request, beyond any wait the request asks it to hold
    /// (<c>Prefer: wait</c>); past it the attempt counts as a lost answer and is retried.</summary>
    /// <remarks>Defaults to 30 seconds.</remarks>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message accepted from a server.</summary>
    /// <remarks>Defaults to 1 MiB.</remarks>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Where the SDK logs what it does (steps, HTTP methods and statuses, retries; never a URL, a claim, a
    /// secret or a payload). <c>services.AddTigressClient()</c> sets it from the container.</summary>
    /// <remarks>Defaults to null: no logs.</remarks>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock used for retry and polling pauses.</summary>
    /// <remarks>Defaults to <see cref="TimeProvider.System"/>.</remarks>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

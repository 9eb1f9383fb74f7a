using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tigress.Relay.Redis;

/// <summary>The Redis store's log lines. None names a mailbox, a claim or a payload.</summary>
internal static partial class RedisStoreLog
{
    [LoggerMessage(101, LogLevel.Warning, "Lost a Redis connection ({FailureType}); requests that need it answer 503 until it returns")]
    public static partial void ConnectionFailed(ILogger logger, ConnectionFailureType failureType);

    [LoggerMessage(102, LogLevel.Information, "Redis connection restored")]
    public static partial void ConnectionRestored(ILogger logger);

    [LoggerMessage(103, LogLevel.Debug, "Could not stop listening for a mailbox's changes; the subscription ends with the connection")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Debug, "A create request waited for an earlier attempt with the same request id")]
    public static partial void CreateStillPending(ILogger logger);

    [LoggerMessage(105, LogLevel.Warning, "Only {Confirmed} of {Needed} Redis replicas confirmed a write in time; it was answered 503")]
    public static partial void ReplicationNotConfirmed(ILogger logger, long confirmed, int needed);
}

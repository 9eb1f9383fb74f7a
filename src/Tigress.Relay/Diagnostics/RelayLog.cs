using Microsoft.Extensions.Logging;

namespace Tigress.Relay.Diagnostics;

/// <summary>
/// Every log line the relay writes. None carries a claim, a payload, a mailbox id, an IP address or a URL fragment:
/// the log is safe to ship anywhere.
/// </summary>
internal static partial class RelayLog
{
    [LoggerMessage(1, LogLevel.Information, "Tigress relay listening on {Addresses}; public URL {PublicUrl}; store {Store} at {DataLocation}")]
    public static partial void Started(ILogger logger, string addresses, string publicUrl, string store, string dataLocation);

    [LoggerMessage(2, LogLevel.Information, "Expiry sweeper started; runs every {Interval}")]
    public static partial void SweeperStarted(ILogger logger, TimeSpan interval);

    [LoggerMessage(3, LogLevel.Information, "Expiry sweeper stopped")]
    public static partial void SweeperStopped(ILogger logger);

    [LoggerMessage(4, LogLevel.Error, "Expiry sweep failed; retrying at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Expiry sweep removed {Unclaimed} unclaimed and {Claimed} claimed mailboxes")]
    public static partial void Swept(ILogger logger, int unclaimed, int claimed);

    [LoggerMessage(6, LogLevel.Debug, "A client went away before its {Operation} request completed")]
    public static partial void RequestAborted(ILogger logger, string operation);

    [LoggerMessage(7, LogLevel.Debug, "Rate limit reached for {Policy}")]
    public static partial void RateLimited(ILogger logger, string policy);

    [LoggerMessage(8, LogLevel.Error, "Unhandled failure in {Endpoint}")]
    public static partial void UnhandledFailure(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "The store failed; answering 503")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "An event stream ended: its client went away or the relay is stopping")]
    public static partial void EventStreamEnded(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "Generated the relay's VAPID key pair and kept it in {Path} (readable by this user only)")]
    public static partial void VapidKeysGenerated(ILogger logger, string path);

    [LoggerMessage(12, LogLevel.Warning, "The VAPID key file {Path} was readable by other users; narrowed it to this user")]
    public static partial void VapidKeyFileTightened(ILogger logger, string path);

    [LoggerMessage(13, LogLevel.Information, "Push dispatcher started with {Workers} concurrent sends")]
    public static partial void PushStarted(ILogger logger, int workers);

    [LoggerMessage(14, LogLevel.Information, "Push dispatcher stopped")]
    public static partial void PushStopped(ILogger logger);

    [LoggerMessage(15, LogLevel.Warning, "Refused a push endpoint that is not on a public address, or not https; {Held} more refused since the last warning (at most one warning a minute)")]
    public static partial void PushEndpointRefused(ILogger logger, int held);

    [LoggerMessage(16, LogLevel.Warning, "The {TokenType} push provider failed with {ExceptionType}")]
    public static partial void PushProviderFailed(ILogger logger, string tokenType, string exceptionType);

    [LoggerMessage(17, LogLevel.Information, "A {TokenType} push service reported a token gone; the relay forgets it")]
    public static partial void PushTokenGone(ILogger logger, string tokenType);

    [LoggerMessage(18, LogLevel.Debug, "A {TokenType} push was refused by its push service and will not be retried")]
    public static partial void PushFailed(ILogger logger, string tokenType);

    [LoggerMessage(19, LogLevel.Debug, "Gave up a push after {Attempts} attempts")]
    public static partial void PushGaveUp(ILogger logger, int attempts);

    [LoggerMessage(20, LogLevel.Warning, "Could not forget a gone push token ({ExceptionType})")]
    public static partial void PushForgetFailed(ILogger logger, string exceptionType);

    [LoggerMessage(21, LogLevel.Warning, "Clients are being refused by the {Limit} limit; reached {Held} more times since the last warning (at most one warning a minute)")]
    public static partial void LimitReached(ILogger logger, string limit, int held);

    [LoggerMessage(22, LogLevel.Information, "Open-file limit {Limit}, {Open} open at start: at most {MaxConnections} concurrent connections, {Reserved} descriptors kept for the store, push and the runtime")]
    public static partial void ConnectionBudget(ILogger logger, long limit, int open, long maxConnections, int reserved);

    [LoggerMessage(23, LogLevel.Warning, "The open-file limit could not be read; at most {MaxConnections} concurrent connections (Relay:Connections:MaxConnections)")]
    public static partial void ConnectionBudgetUnknown(ILogger logger, long maxConnections);

    [LoggerMessage(24, LogLevel.Warning, "Relay:Connections:MaxConnections {Configured} leaves too few of the {Limit} open files for the store and the runtime; using {MaxConnections}. Raise the limit (ulimit -n) to allow more")]
    public static partial void ConnectionBudgetLowered(ILogger logger, long configured, long limit, long maxConnections);

    [LoggerMessage(25, LogLevel.Debug, "Refused a connection: its client holds its maximum of {Limit} connections")]
    public static partial void ConnectionRefused(ILogger logger, int limit);

    [LoggerMessage(26, LogLevel.Debug, "Refused a waiting request or event stream: its client holds its maximum of {Limit}")]
    public static partial void WaitRefused(ILogger logger, int limit);

    [LoggerMessage(27, LogLevel.Debug, "A client broke off or mangled its {Endpoint} request ({ExceptionType})")]
    public static partial void ClientFault(ILogger logger, string endpoint, string exceptionType);

    [LoggerMessage(28, LogLevel.Information, "Loaded the renewed certificate from {Path}")]
    public static partial void CertificateReloaded(ILogger logger, string path);

    [LoggerMessage(29, LogLevel.Warning, "The certificate at {Path} changed but could not be loaded ({ExceptionType}); still serving the previous one")]
    public static partial void CertificateReloadFailed(ILogger logger, string path, string exceptionType);

    [LoggerMessage(30, LogLevel.Warning, "Refused new content with 507: {Reason} {Held} more refused since the last warning (at most one warning a minute)")]
    public static partial void StoreRoomRefused(ILogger logger, string reason, int held);
}

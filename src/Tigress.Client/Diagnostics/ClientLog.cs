using Microsoft.Extensions.Logging;
using Tigress.Client.Transfers;

namespace Tigress.Client.Diagnostics;

/// <summary>The SDK's log messages. They name steps, sides, methods and statuses; never a URL, a mailbox id, a claim,
/// a share secret, a PIN, a message or a server's own words.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Binding} {Method}: attempt {Attempt}")]
    public static partial void Sending(ILogger logger, string binding, string method, int attempt);

    [LoggerMessage(2, LogLevel.Debug, "{Binding} {Method}: HTTP {StatusCode} after {ElapsedMs:F0} ms")]
    public static partial void Answered(ILogger logger, string binding, string method, int statusCode, double elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "{Binding} {Method}: HTTP {StatusCode}, transient; retry {Retry} in {Delay}")]
    public static partial void RetryingStatus(ILogger logger, string binding, string method, int statusCode, int retry, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "{Binding} {Method}: {FailureType}, transient; retry {Retry} in {Delay}")]
    public static partial void RetryingFailure(ILogger logger, string binding, string method, string failureType, int retry, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Warning, "{Binding} {Method}: gave up after {Attempts} attempts ({FailureType})")]
    public static partial void GaveUp(ILogger logger, string binding, string method, int attempts, string failureType);

    [LoggerMessage(6, LogLevel.Debug, "mailbox event stream: open")]
    public static partial void EventStreamOpened(ILogger logger);

    [LoggerMessage(7, LogLevel.Information, "mailbox event stream: {Reason}; reconnecting in {Delay}")]
    public static partial void EventStreamReconnecting(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(8, LogLevel.Warning, "mailbox event stream: gave up after {Attempts} connections")]
    public static partial void EventStreamGaveUp(ILogger logger, int attempts);

    [LoggerMessage(10, LogLevel.Information, "Transfer ({Binding}, {Role}): {Step}")]
    public static partial void Step(ILogger logger, TransferBinding binding, TransferRole role, TransferEventKind step);

    [LoggerMessage(11, LogLevel.Information, "Transfer ({Binding}, {Role}): {Step} #{Sequence} ({Format})")]
    public static partial void Message(ILogger logger, TransferBinding binding, TransferRole role, TransferEventKind step, int sequence, string? format);

    [LoggerMessage(12, LogLevel.Warning, "Transfer ({Binding}, {Role}): failed ({Error})")]
    public static partial void Failed(ILogger logger, TransferBinding binding, TransferRole role, TransferError error);

    [LoggerMessage(13, LogLevel.Warning, "Transfer ({Binding}, {Role}): the relay is unavailable; retry in {Delay}")]
    public static partial void RelayUnavailable(ILogger logger, TransferBinding binding, TransferRole role, TimeSpan delay);
}

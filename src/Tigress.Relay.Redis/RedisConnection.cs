using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tigress.Relay.Storage;

namespace Tigress.Relay.Redis;

/// <summary>
/// The relay's one multiplexed connection to Redis or Redis Cluster, shared by the mailbox and dropbox stores, and
/// the single place where "Redis is away or slow" becomes <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    // Errors a server answers while it cannot serve for now (starting, failing over, cluster reconfiguring, out of
    // memory under maxmemory-policy noeviction): retryable, so the relay's 503, not a 500.
    private static readonly string[] s_transientErrors = ["LOADING", "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN", "READONLY", "BUSY", "NOREPLICAS", "OOM"];

    private readonly bool _ownsMultiplexer;
    private readonly TimeSpan _operationTimeout;
    private readonly ILogger _logger;
    private int _disposed;

    // Set when Redis refused a write for lack of memory, cleared by the next request's write that it took.
    private volatile bool _writeRefused;

    /// <summary>
    /// Wraps a multiplexer; <paramref name="ownsMultiplexer"/> says whether disposing closes it, and
    /// <paramref name="operationTimeout"/> is the longest a request waits for Redis before it is answered 503.
    /// </summary>
    public RedisConnection(IConnectionMultiplexer multiplexer, bool ownsMultiplexer, TimeSpan operationTimeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        Multiplexer = multiplexer;
        Database = multiplexer.GetDatabase();
        Subscriber = multiplexer.GetSubscriber();
        _ownsMultiplexer = ownsMultiplexer;
        _operationTimeout = operationTimeout;
        _logger = logger;
        if (ownsMultiplexer)
        {
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
        }
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database { get; }

    public ISubscriber Subscriber { get; }

    /// <summary>
    /// Whether Redis refused a request's write for lack of memory (<c>OOM</c>) since it last took one: near the limit a
    /// small probe may still fit where a mailbox does not.
    /// </summary>
    public bool WriteRefused => _writeRefused;

    /// <summary>Called after a request's write was taken, so that <see cref="WriteRefused"/> clears.</summary>
    public void WriteTaken() => _writeRefused = false;

    /// <summary>Connects without waiting for Redis to be up, and owns the connection.</summary>
    public static RedisConnection Connect(ConfigurationOptions configuration, ILogger logger)
    {
        var multiplexer = ConnectionMultiplexer.Connect(configuration);

        // The client times commands out itself; this bound is the backstop for a call that is never answered.
        var timeout = TimeSpan.FromMilliseconds(configuration.AsyncTimeout) + TimeSpan.FromSeconds(1);
        return new RedisConnection(multiplexer, ownsMultiplexer: true, timeout, logger);
    }

    /// <summary>
    /// Awaits a Redis call for at most the operation timeout, turning "Redis is away or slow" into
    /// <see cref="StoreUnavailableException"/>. A call given up on may still run later; its effect is never
    /// acknowledged, and the client's retry with the same request id finds it.
    /// </summary>
    public async Task<T> GuardAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(_operationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc cref="GuardAsync{T}(Task{T}, CancellationToken)"/>
    public async Task GuardAsync(Task call, CancellationToken cancellationToken)
    {
        try
        {
            await call.WaitAsync(_operationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Whether every primary answers; on a cluster, a primary that is away takes its slots' data with it.</summary>
    public async Task<bool> IsHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Multiplexer.IsConnected)
        {
            return false;
        }

        try
        {
            var primaries = Multiplexer.GetServers().Where(server => !server.IsReplica).ToArray();
            if (primaries.Length == 0 || primaries.Any(server => !server.IsConnected))
            {
                return false;
            }

            await Task.WhenAll(primaries.Select(server => server.PingAsync())).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether every primary accepts a small write: a Redis at <c>maxmemory</c> under <c>noeviction</c> still answers
    /// pings but refuses writes (<c>OOM</c>). Each primary gets one short-lived key, named by
    /// <paramref name="probeKeyOfSlot"/> for a slot that primary serves.
    /// </summary>
    public async Task<bool> CanWriteAsync(Func<int, RedisKey> probeKeyOfSlot, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var slots = Multiplexer.GetServers()
                .Where(server => !server.IsReplica)
                .Select(server => server.ServerType == ServerType.Cluster
                    ? server.ClusterConfiguration?.Nodes.FirstOrDefault(node => node.IsMyself)?.Slots.FirstOrDefault().From ?? 0
                    : 0)
                .Distinct()
                .ToArray();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Task.WhenAll(slots.Select(slot => Database.StringSetAsync(probeKeyOfSlot(slot), now, TimeSpan.FromMinutes(1))))
                .WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_ownsMultiplexer)
        {
            return;
        }

        Multiplexer.ConnectionFailed -= OnConnectionFailed;
        Multiplexer.ConnectionRestored -= OnConnectionRestored;
        Multiplexer.Dispose();
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        RedisConnectionException or TimeoutException => true,
        RedisServerException server => s_transientErrors.Any(code => server.Message.StartsWith(code, StringComparison.Ordinal)),
        _ => false,
    };

    private StoreUnavailableException Unavailable(Exception e)
    {
        if (e is RedisServerException server && server.Message.StartsWith("OOM", StringComparison.Ordinal))
        {
            _writeRefused = true;
        }

        return new($"Redis did not answer ({e.GetType().Name}); the request may be retried.", e);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => RedisStoreLog.ConnectionFailed(_logger, e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => RedisStoreLog.ConnectionRestored(_logger);
}
